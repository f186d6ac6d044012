package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Local Volumes row of {@code system df}, against what docker 28 printed here for the same volumes. */
class SystemDfVolumesTest {
    @Test
    void unusedVolumesAreReclaimable() {
        // docker: "Local Volumes   1  0  3.078kB  3.078kB (100%)" for one unused volume of 3,078 bytes
        assertThat(SystemDfCommand.volumesRow(List.of(new SystemDfCommand.VolumeUse("v", 0, 3078))))
                .isEqualTo(new SystemDfCommand.TypeRow("Local Volumes", "1", "0", "3.078kB", "3.078kB (100%)"));
        assertThat(SystemDfCommand.volumesRow(List.of(new SystemDfCommand.VolumeUse("a", 2, 1000),
                new SystemDfCommand.VolumeUse("b", 0, 3000))))
                .isEqualTo(new SystemDfCommand.TypeRow("Local Volumes", "2", "1", "4kB", "3kB (75%)"));
        assertThat(SystemDfCommand.volumesRow(List.of()))
                .isEqualTo(new SystemDfCommand.TypeRow("Local Volumes", "0", "0", "0B", "0B"));
    }
}
