package dev.strata.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.json.Json;
import org.junit.jupiter.api.Test;

/** The frame for a container that does not run, byte for byte as dockerd 20.10 sends it. */
class ContainerStatsJsonTest {
    private static final String ID = "b6d17b4a59a9853063f76b237781a46ad3a06c722f8e6bbb4cd4db9fdb042f85";

    @Test
    void notRunningIsDockersEmptyFrame() {
        String zeroCpu = "{\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}}";
        // captured from GET /containers/{id}/stats?stream=false of a stopped container on dockerd 20.10.24
        String docker = "{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\",\"pids_stats\":{},"
                + "\"blkio_stats\":{\"io_service_bytes_recursive\":null,\"io_serviced_recursive\":null,"
                + "\"io_queue_recursive\":null,\"io_service_time_recursive\":null,\"io_wait_time_recursive\":null,"
                + "\"io_merged_recursive\":null,\"io_time_recursive\":null,\"sectors_recursive\":null},\"num_procs\":0,"
                + "\"storage_stats\":{},\"cpu_stats\":" + zeroCpu + ",\"precpu_stats\":" + zeroCpu
                + ",\"memory_stats\":{},\"name\":\"/podtools-probe-c\",\"id\":\"" + ID + "\"}";
        assertThat(Json.writeString(new ContainerStatsJson(ID, "/podtools-probe-c", null, null, null, null)))
                .isEqualTo(docker);
    }
}
