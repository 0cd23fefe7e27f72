package io.github.netblock.loader.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code GET _tasks/ID} of an update_by_query, in the shapes of Elasticsearch's reference (the Tasks API
 * and update_by_query pages: a running task's {@code status}, a finished one's {@code response} with
 * {@code failures} as {@code BulkItemResponse.Failure} and {@code SearchFailure} write them). The
 * integration tests' distribution has no reindex module, so no node here can answer them.
 */
class TaskStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunningTaskGivesItsStatusCounters() throws Exception {
        TaskStatus s = TaskStatus.parse(JSON.readTree("""
                {"completed": false,
                 "task": {"node": "r1A2WoRbTwKZ516z6NEs5A", "id": 36619, "type": "transport",
                          "action": "indices:data/write/update/byquery",
                          "status": {"total": 6154, "updated": 3500, "created": 0, "deleted": 0, "batches": 4, "version_conflicts": 12,
                                     "noops": 0, "retries": {"bulk": 0, "search": 0}, "throttled_millis": 1500,
                                     "requests_per_second": 500.0, "throttled_until_millis": 700},
                          "description": "update-by-query [netblock-attacks-old]", "start_time_in_millis": 1764230400000,
                          "running_time_in_nanos": 1234567, "cancellable": true, "cancelled": false, "headers": {}}}"""));
        assertThat(s.taskId()).isEqualTo("r1A2WoRbTwKZ516z6NEs5A:36619");
        assertThat(s.action()).isEqualTo(TaskStatus.UPDATE_BY_QUERY);
        assertThat(s.completed()).isFalse();
        assertThat(s.total()).isEqualTo(6154);
        assertThat(s.updated()).isEqualTo(3500);
        assertThat(s.versionConflicts()).isEqualTo(12);
        assertThat(s.processed()).isEqualTo(3512);
        assertThat(s.batches()).isEqualTo(4);
        assertThat(s.requestsPerSecond()).isEqualTo(500.0);
        assertThat(s.throttledMillis()).isEqualTo(1500);
        assertThat(s.failures()).isEmpty();
        assertThat(s.cancelled()).isNull();
        assertThat(s.detail()).isEqualTo("updated 3,500, version conflicts 12, batches 4");
    }

    @Test
    void aFinishedTaskGivesTheCountersAndFailuresOfItsResponse() throws Exception {
        TaskStatus s = TaskStatus.parse(JSON.readTree("""
                {"completed": true,
                 "task": {"node": "n1", "id": 7, "action": "indices:data/write/update/byquery",
                          "status": {"total": 1501, "updated": 999, "batches": 1}},
                 "response": {"took": 812, "timed_out": false, "total": 1501, "updated": 999, "created": 0, "deleted": 0, "batches": 1,
                              "version_conflicts": 0, "noops": 0, "retries": {"bulk": 0, "search": 0}, "throttled": "0s",
                              "throttled_millis": 0, "requests_per_second": -1.0, "throttled_until": "0s", "throttled_until_millis": 0,
                              "failures": [
                                {"index": "legacy-hits", "id": "bad-1", "status": 400,
                                 "cause": {"type": "illegal_argument_exception",
                                           "reason": "field [source.ip] value [not-an-ip] is not an IP address"}},
                                {"index": "legacy-hits", "id": "bad-2", "status": 500,
                                 "cause": {"type": "ingest_processor_exception", "reason": "java.lang.IllegalStateException: db",
                                           "caused_by": {"type": "illegal_state_exception", "reason": "netblock database [default] could not be read"}}},
                                {"index": "legacy-hits", "shard": 0, "node": "n1", "status": 503,
                                 "reason": {"type": "node_not_connected_exception", "reason": "[n2] not connected"}}]}}"""));
        assertThat(s.completed()).isTrue();
        assertThat(s.updated()).isEqualTo(999);
        assertThat(s.requestsPerSecond()).isEqualTo(-1.0);
        assertThat(s.failures()).containsExactly(
                new DocumentFailure("legacy-hits", "bad-1", 400, "field [source.ip] value [not-an-ip] is not an IP address"),
                new DocumentFailure("legacy-hits", "bad-2", 500, "java.lang.IllegalStateException: db (netblock database [default] could not be read)"),
                new DocumentFailure("legacy-hits", null, 503, "[n2] not connected"));
        assertThat(s.failed()).isEqualTo(2);
        assertThat(s.failures().get(0).describe()).isEqualTo("legacy-hits/bad-1: field [source.ip] value [not-an-ip] is not an IP address");
        assertThat(s.failures().get(2).describe()).isEqualTo("legacy-hits (search): [n2] not connected");
    }

    @Test
    void aCancelledTaskAndAFailedTaskSaySo() throws Exception {
        TaskStatus cancelled = TaskStatus.parse(JSON.readTree("""
                {"completed": true, "task": {"node": "n1", "id": 8, "action": "indices:data/write/update/byquery", "cancelled": true},
                 "response": {"total": 2000, "updated": 1000, "batches": 1, "canceled": "by user request", "failures": []}}"""));
        assertThat(cancelled.cancelled()).isEqualTo("by user request");
        assertThat(cancelled.updated()).isEqualTo(1000);
        TaskStatus failed = TaskStatus.parse(JSON.readTree("""
                {"completed": true, "task": {"node": "n1", "id": 9, "action": "indices:data/write/update/byquery"},
                 "error": {"type": "index_not_found_exception", "reason": "no such index [netblock-attacks-old]"}}"""));
        assertThat(failed.error()).isEqualTo("no such index [netblock-attacks-old]");
    }
}
