package dev.strata.api;

import dev.strata.container.Containers;
import dev.strata.error.NotFoundException;
import dev.strata.filter.VolumeFilter;
import dev.strata.json.JsonObject;
import dev.strata.volume.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Volumes, over the same {@code volume} package and the same container bookkeeping the CLI's {@code volume}
 * commands use: list ({@code {"Volumes": [...], "Warnings": null}}, the daemon's filters), inspect, create
 * (Docker's VolumeCreateBody: Name, Driver, DriverOpts, Labels), remove (refused while in use; {@code force}
 * quiet about the missing) and prune.
 */
record VolumeEndpoints(Daemon daemon) implements Router.Group, Router.Collection {
    @Override
    public void addTo(Router router) {
        router.collection("/volumes", "name", this);
    }

    private Containers containers() throws IOException {
        return daemon.containers();
    }

    @Override
    public void list(Call call) throws IOException {
        Predicate<Volume> selected = VolumeFilter.list(call.filterConditions(), containers().volumesInUse());
        List<Volume> out = new ArrayList<>();
        for (Volume v : containers().volumes().list()) {
            if (selected.test(v)) {
                out.add(v);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Volumes", out);
        body.put("Warnings", null);
        call.json(200, body);
    }

    @Override
    public void inspect(Call call) throws IOException {
        call.json(200, containers().volumes().require(call.path("name")));
    }

    @Override
    public void create(Call call) throws IOException {
        JsonObject body = call.jsonBody();
        Volume volume = body == null ? containers().volumes().create(null, null, null, null)
                : containers().volumes().create(body.string("Name"), body.string("Driver"), body.stringMap("Labels"),
                        body.stringMap("DriverOpts"));
        call.json(201, volume);
    }

    @Override
    public void remove(Call call) throws IOException {
        try {
            containers().removeVolume(call.path("name"));
        } catch (NotFoundException e) {
            if (!call.flag("force", false)) {
                throw e;
            }
        }
        call.noContent();
    }

    @Override
    public void prune(Call call) throws IOException {
        Containers.VolumePrune pruned = containers().pruneVolumes(VolumeFilter.prune(call.filterConditions()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("VolumesDeleted", pruned.deleted().isEmpty() ? null : pruned.deleted());
        body.put("SpaceReclaimed", pruned.reclaimed());
        call.json(200, body);
    }
}
