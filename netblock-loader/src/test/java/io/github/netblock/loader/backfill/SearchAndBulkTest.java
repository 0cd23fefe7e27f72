package io.github.netblock.loader.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the backfill from this machine writes back: each hit only if unchanged, where it was, with its routing. */
class SearchAndBulkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachHitIsIndexedBackConditionallyOnItsSequenceNumberWithItsRoutingAndSource() throws Exception {
        String body = SearchAndBulk.bulkBody(JSON.readTree("""
                [{"_index": ".ds-logs-web-default-2026.11.27-000001", "_id": "a", "_seq_no": 17, "_primary_term": 2, "_routing": "r1",
                  "_source": {"source": {"ip": "8.8.8.8"}, "url": {"original": "/.env"}}},
                 {"_index": "legacy-hits", "_id": "b", "_seq_no": 0, "_primary_term": 1, "_source": {"source": {"ip": "1.1.1.1"}}}]"""));
        assertThat(body).isEqualTo("""
                {"index":{"_index":".ds-logs-web-default-2026.11.27-000001","_id":"a","if_seq_no":17,"if_primary_term":2,"routing":"r1"}}
                {"source":{"ip":"8.8.8.8"},"url":{"original":"/.env"}}
                {"index":{"_index":"legacy-hits","_id":"b","if_seq_no":0,"if_primary_term":1}}
                {"source":{"ip":"1.1.1.1"}}
                """);
    }
}
