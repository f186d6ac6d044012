package dev.strata.api;

/**
 * Docker's endpoints whose capability Strata is still building, each answered with 501 and the issue
 * that brings it: volumes (issue 13). Each becomes a group of its own, as
 * {@link ImageEndpoints} is, when its package lands; its routes here go then.
 */
final class PendingEndpoints implements Router.Group {
    @Override
    public void addTo(Router router) {
        // looking one up by name is answered truly, not found: docker inspect NAME asks for every kind of
        // object, and must say "No such object" when none is there
        router.get("/volumes/{name}", call -> {
            throw new dev.strata.error.NotFoundException("get " + call.path("name")
                    + ": no such volume (volumes are not implemented yet in Strata: issue 13)");
        });
        router.get("/plugins/{name}/json", call -> {
            throw new dev.strata.error.NotFoundException("plugin " + call.path("name") + " not found");
        });
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            router.pending(method, "/volumes", "volumes", 13)
                    .pending(method, "/volumes/{rest*}", "volumes", 13);
        }
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
