package io.github.netblock.loader.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The hook names setup accepts and the data streams each one serves (for the Kibana data view). */
class CustomHooksTest {
    @Test
    void eachHookServesTheDataStreamsOfItsLevel() {
        assertThat(CustomHooks.dataStreamPattern("logs@custom")).isEqualTo("logs-*-*");
        assertThat(CustomHooks.dataStreamPattern("logs-nginx.access@custom")).isEqualTo("logs-nginx.access-*");
        assertThat(CustomHooks.dataStreamPattern("logs-nginx.integration@custom")).isEqualTo("logs-nginx.*-*");
        assertThat(CustomHooks.dataStreamPattern("global@custom")).isEqualTo("*-*-*");
    }

    @Test
    void onlyCustomHookNamesAreAccepted() {
        CustomHooks.checkName("logs@custom");
        for (String bad : new String[] {"@custom", "logs", "logs-nginx.access-1.20.0", "logs-*@custom", "a/b@custom", "a,b@custom"}) {
            assertThatThrownBy(() -> CustomHooks.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an @custom pipeline name");
        }
    }
}
