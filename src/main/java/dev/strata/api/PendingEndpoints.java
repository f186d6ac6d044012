package dev.strata.api;

/**
 * Docker's endpoints whose capability Strata is still building, each answered with 501 and the issue
 * that brings it: networks (issue 12) and volumes (issue 13). Each becomes a group of its own, as
 * {@link ImageEndpoints} is, when its package lands; its routes here go then.
 */
final class PendingEndpoints implements Router.Group {
    @Override
    public void addTo(Router router) {
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            router.pending(method, "/networks", "networks", 12)
                    .pending(method, "/networks/{rest*}", "networks", 12)
                    .pending(method, "/volumes", "volumes", 13)
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
