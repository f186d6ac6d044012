package dev.strata.api;

/**
 * Docker's endpoints whose capability Strata does not have, each answered with 501 and what it is
 * (swarm mode, plugins, BuildKit's sessions). One becomes a group of its own, as {@link VolumeEndpoints}
 * did, when its package lands; its routes here go then.
 */
final class PendingEndpoints implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.get("/plugins/{name}/json", call -> {
            throw new dev.strata.error.NotFoundException("plugin " + call.path("name") + " not found");
        });
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            for (String swarm : new String[] {"/swarm", "/nodes", "/services", "/tasks", "/secrets", "/configs"}) {
                router.route501(method, swarm, "swarm mode");
                router.route501(method, swarm + "/{rest*}", "swarm mode");
            }
            router.route501(method, "/plugins", "plugins");
            router.route501(method, "/plugins/{rest*}", "plugins");
        }
        router.route501("POST", "/session", "BuildKit sessions");
        router.route501("POST", "/grpc", "BuildKit");
    }
}
