package io.github.netblock.loader.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Dates as registries write them; a value no registry wrote is a bad record, never a build failure. */
class RegistryDatesTest {
    @Test
    void theRegistriesFormsAreReadAsMidnightOrTheInstantWritten() throws Exception {
        assertThat(RegistryDates.compact("20030228")).isEqualTo(Instant.parse("2003-02-28T00:00:00Z"));
        assertThat(RegistryDates.compact("990101")).isEqualTo(Instant.parse("1999-01-01T00:00:00Z")); // RIPE-181 yymmdd
        assertThat(RegistryDates.compact("050101")).isEqualTo(Instant.parse("2005-01-01T00:00:00Z"));
        assertThat(RegistryDates.isoDate("2014-07-16")).isEqualTo(Instant.parse("2014-07-16T00:00:00Z"));
        assertThat(RegistryDates.instant("2016-04-14T10:03:28Z")).isEqualTo(Instant.parse("2016-04-14T10:03:28Z"));
    }

    @Test
    void impossibleDatesAndDatesNoDatabaseKeepsAreRefusedNamingTheValue() throws Exception {
        assertThatThrownBy(() -> RegistryDates.compact("20030230")).isInstanceOf(RegistryDates.InvalidDateException.class)
                .hasMessageContaining("[20030230]");
        // a database keeps unsigned 32-bit seconds: 1970 to 2105; no registry wrote a date outside them
        assertThatThrownBy(() -> RegistryDates.compact("19691231")).isInstanceOf(RegistryDates.InvalidDateException.class)
                .hasMessageContaining("[19691231] is not a registry date");
        assertThatThrownBy(() -> RegistryDates.isoDate("2106-01-01")).isInstanceOf(RegistryDates.InvalidDateException.class)
                .hasMessageContaining("[2106-01-01]");
        assertThatThrownBy(() -> RegistryDates.instant("1960-01-01T00:00:00Z")).isInstanceOf(RegistryDates.InvalidDateException.class);
        assertThat(RegistryDates.isoDate("2105-12-31")).isEqualTo(Instant.parse("2105-12-31T00:00:00Z"));
    }
}
