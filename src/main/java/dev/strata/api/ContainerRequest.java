package dev.strata.api;

import dev.strata.container.CreateOptions;
import dev.strata.container.NetworkOptions;
import dev.strata.error.InvalidInputException;
import dev.strata.json.JsonObject;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} (Docker's Config with HostConfig inside), read into the
 * same {@link CreateOptions} the CLI's flags make, so both create containers by one set of rules:
 * networking ({@code NetworkMode}, {@code NetworkingConfig}'s aliases and address, published and exposed
 * ports, hostname, extra hosts, DNS) into the same {@link NetworkOptions}. What Strata cannot do yet is
 * refused by name rather than ignored: named or anonymous volumes (issue 13) answer 501.
 */
final class ContainerRequest {
    private ContainerRequest() {
    }

    static CreateOptions parse(JsonObject body, String name) {
        if (body == null) {
            throw new InvalidInputException("config cannot be empty in order to create a container");
        }
        String image = body.string("Image");
        if (image == null || image.isEmpty()) {
            throw new InvalidInputException("no image given: Config.Image is empty");
        }
        JsonObject host = body.object("HostConfig");
        boolean attached = body.bool("AttachStdin") || body.bool("AttachStdout") || body.bool("AttachStderr");
        CreateOptions.Builder options = CreateOptions.image(image)
                .name(name == null || name.isEmpty() ? null : name)
                .command(words(body, "Cmd"))
                .entrypoint(body.members().containsKey("Entrypoint") && body.members().get("Entrypoint") != null
                        ? words(body, "Entrypoint") : null)
                .env(body.strings("Env"))
                .workdir(body.string("WorkingDir"))
                .user(body.string("User"))
                .tty(body.bool("Tty"))
                .interactive(body.bool("OpenStdin"))
                .detach(!attached)
                .labels(body.stringMap("Labels") == null ? Map.of() : body.stringMap("Labels"));
        if (host != null) {
            options.volumes(host.strings("Binds"))
                    .network(host.string("NetworkMode"))
                    .readOnly(host.bool("ReadonlyRootfs"))
                    .memory(host.longValue("Memory"))
                    .nanoCpus(host.longValue("NanoCpus"))
                    .pidsLimit(host.longOrNull("PidsLimit"))
                    .runtime(host.string("Runtime"))
                    .autoRemove(host.bool("AutoRemove"));
            List<JsonObject> mounts = host.list("Mounts", m -> m);
            for (JsonObject mount : mounts == null ? List.<JsonObject>of() : mounts) {
                options.mount(mountFlag(mount));
            }
            Map<String, String> tmpfs = host.stringMap("Tmpfs");
            if (tmpfs != null) {
                tmpfs.forEach((path, o) -> options.tmpfs(o == null || o.isEmpty() ? path : path + ":" + o));
            }
            options.volumesFrom(host.strings("VolumesFrom"));
        }
        // the docker CLI sends -v /path (an anonymous volume) in Config.Volumes, not in Binds
        JsonObject volumes = body.object("Volumes");
        if (volumes != null) {
            for (String path : volumes.members().keySet()) {
                options.volume(path);
            }
        }
        options.networking(networking(body, host));
        options.health(body.object("Healthcheck", dev.strata.image.HealthConfig::fromJson));
        if (host != null) {
            options.restartPolicy(host.object("RestartPolicy", dev.strata.container.RestartPolicy::fromJson))
                    .init(host.members().get("Init") instanceof Boolean init ? init : null);
        }
        return options.build();
    }

    /** The networking settings, as the CLI's {@code -p -P --expose --network-alias --ip -h --add-host --dns} give them. */
    /** A Mount object of the Engine API as the CLI's {@code --mount} value it stands for. */
    static String mountFlag(JsonObject mount) {
        List<String> fields = new java.util.ArrayList<>();
        fields.add("type=" + (mount.string("Type") == null ? "volume" : mount.string("Type")));
        if (mount.string("Source") != null && !mount.string("Source").isEmpty()) {
            fields.add("src=" + mount.string("Source"));
        }
        if (mount.string("Target") == null || mount.string("Target").isEmpty()) {
            throw new InvalidInputException("invalid mount config: field Target must not be empty");
        }
        fields.add("dst=" + mount.string("Target"));
        if (mount.bool("ReadOnly")) {
            fields.add("readonly");
        }
        JsonObject bind = mount.object("BindOptions");
        if (bind != null && bind.string("Propagation") != null && !bind.string("Propagation").isEmpty()) {
            fields.add("bind-propagation=" + bind.string("Propagation"));
        }
        JsonObject volume = mount.object("VolumeOptions");
        if (volume != null) {
            if (volume.bool("NoCopy")) {
                fields.add("volume-nocopy");
            }
            Map<String, String> labels = volume.stringMap("Labels");
            if (labels != null) {
                labels.forEach((k, v) -> fields.add("volume-label=" + k + "=" + v));
            }
            JsonObject driver = volume.object("DriverConfig");
            if (driver != null) {
                if (driver.string("Name") != null && !driver.string("Name").isEmpty()) {
                    fields.add("volume-driver=" + driver.string("Name"));
                }
                Map<String, String> opts = driver.stringMap("Options");
                if (opts != null) {
                    opts.forEach((k, v) -> fields.add("volume-opt=" + k + "=" + v));
                }
            }
        }
        JsonObject tmpfs = mount.object("TmpfsOptions");
        if (tmpfs != null) {
            if (tmpfs.longValue("SizeBytes") > 0) {
                fields.add("tmpfs-size=" + tmpfs.longValue("SizeBytes"));
            }
            if (tmpfs.longValue("Mode") > 0) {
                fields.add("tmpfs-mode=" + Long.toOctalString(tmpfs.longValue("Mode")));
            }
        }
        String csv = String.join(",", fields);
        try {
            dev.strata.container.MountSpecs.mountFlag(csv);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return csv;
    }

    private static NetworkOptions networking(JsonObject body, JsonObject host) {
        List<Port> exposed = new ArrayList<>();
        JsonObject exposedPorts = body.object("ExposedPorts");
        if (exposedPorts != null) {
            for (String key : exposedPorts.members().keySet()) {
                exposed.add(port(key));
            }
        }
        Map<Port, List<PortBinding>> publish = new LinkedHashMap<>();
        boolean publishAll = false;
        List<String> addHosts = null;
        List<String> dns = null;
        List<String> dnsSearch = null;
        List<String> dnsOptions = null;
        String networkMode = null;
        if (host != null) {
            JsonObject bindings = host.object("PortBindings");
            if (bindings != null) {
                for (String key : bindings.members().keySet()) {
                    List<PortBinding> list = bindings.members().get(key) == null ? null
                            : bindings.list(key, PortBinding::fromJson);
                    publish.put(port(key), list == null || list.isEmpty() ? List.of(new PortBinding("", "")) : list);
                }
            }
            publishAll = host.bool("PublishAllPorts");
            addHosts = host.strings("ExtraHosts");
            dns = host.strings("Dns");
            dnsSearch = host.strings("DnsSearch");
            dnsOptions = host.strings("DnsOptions");
            networkMode = host.string("NetworkMode");
        }
        List<String> aliases = null;
        String address = null;
        JsonObject endpoint = endpointConfig(body, networkMode);
        if (endpoint != null) {
            aliases = endpoint.strings("Aliases");
            JsonObject ipam = endpoint.object("IPAMConfig");
            address = ipam == null ? null : ipam.string("IPv4Address");
        }
        return new NetworkOptions(aliases, address, body.string("Hostname"), publish, publishAll, exposed, addHosts, dns,
                dnsSearch, dnsOptions);
    }

    /** {@code NetworkingConfig.EndpointsConfig}'s entry for the network the container joins (or its only one). */
    private static JsonObject endpointConfig(JsonObject body, String networkMode) {
        JsonObject networking = body.object("NetworkingConfig");
        JsonObject endpoints = networking == null ? null : networking.object("EndpointsConfig");
        if (endpoints == null || endpoints.members().isEmpty()) {
            return null;
        }
        String name = networkMode == null || networkMode.isEmpty() || networkMode.equals("default") ? "bridge" : networkMode;
        if (endpoints.members().containsKey(name)) {
            return endpoints.object(name);
        }
        return endpoints.members().size() == 1 ? endpoints.object(endpoints.members().keySet().iterator().next()) : null;
    }

    /** A key of ExposedPorts or PortBindings: {@code 80/tcp}; a 400 naming it when it is not one. */
    private static Port port(String key) {
        try {
            return Port.parse(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid port " + key + ": expected PORT/tcp, PORT/udp or PORT/sctp");
        }
    }

    /** A strslice: Docker takes an array of words, or a single string as one word. */
    private static List<String> words(JsonObject body, String field) {
        Object value = body.members().get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        List<String> words = body.strings(field);
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.add(word == null ? "" : word);
        }
        return out;
    }
}
