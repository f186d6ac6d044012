package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the docker CLI prints, word for word, for help and for command lines it refuses before asking
 * its daemon, with "docker" turned into "strata" ("Dockerfile", "Docker Hub", docker.io and docs.docker.com kept). Recorded from
 * the docker 28.2.2 client; {@link DockerCliParityTest} compares against the docker installed, when it is
 * that version. Exit codes found: 125 for every flag error (unknown, malformed, missing or bad value),
 * 1 for a wrong number of arguments, an unknown command or help topic, 0 for help, even when a group is
 * given no command and its help goes to standard error.
 */
class DockerCliOutputTest {
    @TempDir
    static Path root;

    record Case(String commandLine, int code, String out, String err) {
        @Override
        public String toString() {
            return "strata " + commandLine;
        }
    }

    static List<Case> cases() {
        return List.of(
            new Case("images --help", 0,
                """
                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                List images

                Aliases:
                  strata image ls, strata image list, strata images

                Options:
                  -a, --all             Show all images (default hides intermediate images)
                      --digests         Show digests
                  -f, --filter filter   Filter output based on conditions provided
                      --format string   Format output using a custom template:
                                        'table':            Print output in table format
                                        with column headers (default)
                                        'table TEMPLATE':   Print output in table format
                                        using the given Go template
                                        'json':             Print in JSON format
                                        'TEMPLATE':         Print output using the given
                                        Go template.
                                        Refer to https://docs.docker.com/go/formatting/
                                        for more information about formatting output with
                                        templates
                      --no-trunc        Don't truncate output
                  -q, --quiet           Only show image IDs
                """,
                ""),
            new Case("tag -h", 0,
                """
                Flag shorthand -h has been deprecated, use --help
                Usage:  strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

                Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

                Aliases:
                  strata image tag, strata tag
                """,
                ""),
            new Case("history --help", 0,
                """
                Usage:  strata history [OPTIONS] IMAGE

                Show the history of an image

                Aliases:
                  strata image history, strata history

                Options:
                      --format string   Format output using a custom template:
                                        'table':            Print output in table format
                                        with column headers (default)
                                        'table TEMPLATE':   Print output in table format
                                        using the given Go template
                                        'json':             Print in JSON format
                                        'TEMPLATE':         Print output using the given
                                        Go template.
                                        Refer to https://docs.docker.com/go/formatting/
                                        for more information about formatting output with
                                        templates
                  -H, --human           Print sizes and dates in human readable format
                                        (default true)
                      --no-trunc        Don't truncate output
                  -q, --quiet           Only show image IDs
                """,
                ""),
            new Case("tag --help", 0,
                """
                Usage:  strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

                Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

                Aliases:
                  strata image tag, strata tag
                """,
                ""),
            new Case("rmi --help", 0,
                """
                Usage:  strata rmi [OPTIONS] IMAGE [IMAGE...]

                Remove one or more images

                Aliases:
                  strata image rm, strata image remove, strata rmi

                Options:
                  -f, --force      Force removal of the image
                      --no-prune   Do not delete untagged parents
                """,
                ""),
            new Case("image remove", 1,
                "",
                """
                strata: 'strata image rm' requires at least 1 argument

                Usage:  strata image rm [OPTIONS] IMAGE [IMAGE...]

                See 'strata image rm --help' for more information
                """),
            new Case("image inspect --help", 0,
                """
                Usage:  strata image inspect [OPTIONS] IMAGE [IMAGE...]

                Display detailed information on one or more images

                Options:
                  -f, --format string   Format output using a custom template:
                                        'json':             Print in JSON format
                                        'TEMPLATE':         Print output using the given
                                        Go template.
                                        Refer to https://docs.docker.com/go/formatting/
                                        for more information about formatting output with
                                        templates
                """,
                ""),
            new Case("commit --help", 0,
                """
                Usage:  strata commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]

                Create a new image from a container's changes

                Aliases:
                  strata container commit, strata commit

                Options:
                  -a, --author string    Author (e.g., "John Hannibal Smith
                                         <hannibal@a-team.com>")
                  -c, --change list      Apply Dockerfile instruction to the created image
                  -m, --message string   Commit message
                  -p, --pause            Pause container during commit (default true)
                """,
                ""),
            new Case("kill --help", 0,
                """
                Usage:  strata kill [OPTIONS] CONTAINER [CONTAINER...]

                Kill one or more running containers

                Aliases:
                  strata container kill, strata kill

                Options:
                  -s, --signal string   Signal to send to the container
                """,
                ""),
            new Case("export --help", 0,
                """
                Usage:  strata export [OPTIONS] CONTAINER

                Export a container's filesystem as a tar archive

                Aliases:
                  strata container export, strata export

                Options:
                  -o, --output string   Write to a file, instead of STDOUT
                """,
                ""),
            new Case("diff --help", 0,
                """
                Usage:  strata diff CONTAINER

                Inspect changes to files or directories on a container's filesystem

                Aliases:
                  strata container diff, strata diff
                """,
                ""),
            new Case("wait --help", 0,
                """
                Usage:  strata wait CONTAINER [CONTAINER...]

                Block until one or more containers stop, then print their exit codes

                Aliases:
                  strata container wait, strata wait
                """,
                ""),
            new Case("import --help", 0,
                """
                Usage:  strata import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]

                Import the contents from a tarball to create a filesystem image

                Aliases:
                  strata image import, strata import

                Options:
                  -c, --change list       Apply Dockerfile instruction to the created image
                  -m, --message string    Set commit message for imported image
                      --platform string   Set platform if server is multi-platform capable
                """,
                ""),
            new Case("images --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images -x", 125,
                "",
                """
                unknown shorthand flag: 'x' in -x

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images -xq", 125,
                "",
                """
                unknown shorthand flag: 'x' in -xq

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images -fx", 125,
                "",
                """
                invalid argument "x" for "-f, --filter" flag: bad format of filter (expected name=value)

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images ---x", 125,
                "",
                """
                bad flag syntax: ---x

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images --all=maybe", 125,
                "",
                """
                invalid argument "maybe" for "-a, --all" flag: strconv.ParseBool: parsing "maybe": invalid syntax

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata images --help' for more information
                """),
            new Case("images a b", 1,
                "",
                """
                strata: 'strata images' requires at most 1 argument

                Usage:  strata images [OPTIONS] [REPOSITORY[:TAG]]

                SRun 'strata images --help' for more information
                """),
            new Case("image list --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata image ls [OPTIONS] [REPOSITORY[:TAG]]

                Run 'strata image ls --help' for more information
                """),
            new Case("image -q ls", 125,
                "",
                """
                unknown shorthand flag: 'q' in -q

                Usage:  strata image

                Run 'strata image --help' for more information
                """),
            new Case("tag", 1,
                "",
                """
                strata: 'strata tag' requires 2 arguments

                Usage:  strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

                Run 'strata tag --help' for more information
                """),
            new Case("tag a", 1,
                "",
                """
                strata: 'strata tag' requires 2 arguments

                Usage:  strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

                Run 'strata tag --help' for more information
                """),
            new Case("history --format", 125,
                "",
                """
                flag needs an argument: --format

                Usage:  strata history [OPTIONS] IMAGE

                Run 'strata history --help' for more information
                """),
            new Case("history -H false busybox", 1,
                "",
                """
                strata: 'strata history' requires 1 argument

                Usage:  strata history [OPTIONS] IMAGE

                Run 'strata history --help' for more information
                """),
            new Case("rmi", 1,
                "",
                """
                strata: 'strata rmi' requires at least 1 argument

                Usage:  strata rmi [OPTIONS] IMAGE [IMAGE...]

                See 'strata rmi --help' for more information
                """),
            new Case("ps x", 1,
                "",
                """
                strata: 'strata ps' accepts no arguments

                Usage:  strata ps [OPTIONS]

                Run 'strata ps --help' for more information
                """),
            new Case("ps -n abc", 125,
                "",
                """
                invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid syntax

                Usage:  strata ps [OPTIONS]

                Run 'strata ps --help' for more information
                """),
            new Case("ps -n 99999999999999999999", 125,
                "",
                """
                invalid argument "99999999999999999999" for "-n, --last" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range

                Usage:  strata ps [OPTIONS]

                Run 'strata ps --help' for more information
                """),
            new Case("container ps --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata container ls [OPTIONS]

                Run 'strata container ls --help' for more information
                """),
            new Case("run --memory abc busybox", 125,
                "",
                """
                invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'

                Usage:  strata run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Run 'strata run --help' for more information
                """),
            new Case("run --cpus x busybox", 125,
                "",
                """
                invalid argument "x" for "--cpus" flag: failed to parse x as a rational number

                Usage:  strata run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Run 'strata run --help' for more information
                """),
            new Case("stop --time 1 nosuch", 1,
                """
                Flag --time has been deprecated, use --timeout instead
                """,
                """
                Error: No such container: nosuch
                """),
            new Case("network --help", 0,
                """
                Usage:  strata network COMMAND

                Manage networks

                Commands:
                  connect     Connect a container to a network
                  create      Create a network
                  disconnect  Disconnect a container from a network
                  inspect     Display detailed information on one or more networks
                  ls          List networks
                  prune       Remove all unused networks
                  rm          Remove one or more networks

                Run 'strata network COMMAND --help' for more information on a command.
                """,
                ""),
            new Case("network create --help", 0,
                """
                Usage:  strata network create [OPTIONS] NETWORK

                Create a network

                Options:
                      --attachable           Enable manual container attachment
                      --aux-address map      Auxiliary IPv4 or IPv6 addresses used by
                                             Network driver (default map[])
                      --config-from string   The network from which to copy the configuration
                      --config-only          Create a configuration only network
                  -d, --driver string        Driver to manage the Network (default "bridge")
                      --gateway strings      IPv4 or IPv6 Gateway for the master subnet
                      --ingress              Create swarm routing-mesh network
                      --internal             Restrict external access to the network
                      --ip-range strings     Allocate container ip from a sub-range
                      --ipam-driver string   IP Address Management Driver (default "default")
                      --ipam-opt map         Set IPAM driver specific options (default map[])
                      --ipv4                 Enable or disable IPv4 address assignment
                                             (default true)
                      --ipv6                 Enable or disable IPv6 address assignment
                      --label list           Set metadata on a network
                  -o, --opt map              Set driver specific options (default map[])
                      --scope string         Control the network's scope
                      --subnet strings       Subnet in CIDR format that represents a
                                             network segment
                """,
                ""),
            new Case("network ls --help", 0,
                """
                Usage:  strata network ls [OPTIONS]

                List networks

                Aliases:
                  strata network ls, strata network list

                Options:
                  -f, --filter filter   Provide filter values (e.g. "driver=bridge")
                      --format string   Format output using a custom template:
                                        'table':            Print output in table format
                                        with column headers (default)
                                        'table TEMPLATE':   Print output in table format
                                        using the given Go template
                                        'json':             Print in JSON format
                                        'TEMPLATE':         Print output using the given
                                        Go template.
                                        Refer to https://docs.docker.com/go/formatting/
                                        for more information about formatting output with
                                        templates
                      --no-trunc        Do not truncate the output
                  -q, --quiet           Only display network IDs
                """,
                ""),
            new Case("network connect --help", 0,
                """
                Usage:  strata network connect [OPTIONS] NETWORK CONTAINER

                Connect a container to a network

                Options:
                      --alias strings           Add network-scoped alias for the container
                      --driver-opt strings      driver options for the network
                      --gw-priority int         Highest gw-priority provides the default
                                                gateway. Accepts positive and negative values.
                      --ip string               IPv4 address (e.g., "172.30.100.104")
                      --ip6 string              IPv6 address (e.g., "2001:db8::33")
                      --link list               Add link to another container
                      --link-local-ip strings   Add a link-local address for the container
                """,
                ""),
            new Case("port --help", 0,
                """
                Usage:  strata port CONTAINER [PRIVATE_PORT[/PROTO]]

                List port mappings or a specific mapping for the container

                Aliases:
                  strata container port, strata port
                """,
                ""),
            new Case("network create", 1,
                "",
                """
                strata: 'strata network create' requires 1 argument

                Usage:  strata network create [OPTIONS] NETWORK

                Run 'strata network create --help' for more information
                """),
            new Case("port", 1,
                "",
                """
                strata: 'strata port' requires at least 1 and at most 2 arguments

                Usage:  strata port CONTAINER [PRIVATE_PORT[/PROTO]]

                Run 'strata port --help' for more information
                """),
            new Case("run -p abc busybox", 125,
                "",
                """
                strata: invalid containerPort: abc

                Run 'strata run --help' for more information
                """),
            new Case("run -p 80:99999 busybox", 125,
                "",
                """
                strata: invalid containerPort: 99999

                Run 'strata run --help' for more information
                """),
            new Case("run --add-host foo busybox", 125,
                "",
                """
                invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo"

                Usage:  strata run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Run 'strata run --help' for more information
                """),
            new Case("run --dns abc busybox", 125,
                "",
                """
                invalid argument "abc" for "--dns" flag: IP address is not correctly formatted: abc

                Usage:  strata run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Run 'strata run --help' for more information
                """),
            new Case("create --expose abc busybox", 125,
                "",
                """
                strata: invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax

                Run 'strata create --help' for more information
                """),
            new Case("network ls --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata network ls [OPTIONS]

                Run 'strata network ls --help' for more information
                """),
            new Case("network create --gateway 1.2.3.4 x", 1,
                "",
                """
                every ip-range or gateway must have a corresponding subnet
                """),
            new Case("network create --subnet 10.0.0.0/24 --gateway 10.0.1.1 x", 1,
                "",
                """
                no matching subnet for gateway 10.0.1.1
                """),

            new Case("bogus", 1,
                "",
                """
                strata: unknown command: strata bogus

                Run 'strata --help' for more information
                """),
            new Case("image bogus", 1,
                "",
                """
                strata: unknown command: strata image bogus

                Usage:  strata image

                Run 'strata image --help' for more information
                """),
            new Case("system bogus", 1,
                "",
                """
                strata: unknown command: strata system bogus

                Usage:  strata system

                Run 'strata system --help' for more information
                """),
            new Case("container bogus", 1,
                "",
                """
                strata: unknown command: strata container bogus

                Usage:  strata container

                Run 'strata container --help' for more information
                """),
            new Case("image prune x", 1,
                "",
                """
                strata: 'strata image prune' accepts no arguments

                Usage:  strata image prune [OPTIONS]

                Run 'strata image prune --help' for more information
                """),
            new Case("system df x", 1,
                "",
                """
                strata: 'strata system df' accepts no arguments

                Usage:  strata system df [OPTIONS]

                Run 'strata system df --help' for more information
                """),
            new Case("login --help", 0,
                """
                Usage:  strata login [OPTIONS] [SERVER]

                Authenticate to a registry.
                Defaults to Docker Hub if no server is specified.

                Options:
                  -p, --password string   Password or Personal Access Token (PAT)
                      --password-stdin    Take the Password or Personal Access Token
                                          (PAT) from stdin
                  -u, --username string   Username
                """,
                ""),
            new Case("logout --help", 0,
                """
                Usage:  strata logout [SERVER]

                Log out from a registry.
                If no server is specified, the default is defined by the daemon.
                """,
                ""),
            new Case("search --help", 0,
                """
                Usage:  strata search [OPTIONS] TERM

                Search Docker Hub for images

                Options:
                  -f, --filter filter   Filter output based on conditions provided
                      --format string   Pretty-print search using a Go template
                      --limit int       Max number of search results
                      --no-trunc        Don't truncate output
                """,
                ""),
            new Case("manifest inspect --help", 0,
                """
                Usage:  strata manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST

                Display an image manifest, or manifest list

                EXPERIMENTAL:
                  strata manifest inspect is an experimental feature.
                  Experimental features provide early access to product functionality. These
                  features may change between releases without warning, or can be removed from a
                  future release. Learn more about experimental features in our documentation:
                  https://docs.docker.com/go/experimental/

                Options:
                      --insecure   Allow communication with an insecure registry
                  -v, --verbose    Output additional info including layers and platform
                """,
                ""),
            new Case("login -h", 0,
                """
                Flag shorthand -h has been deprecated, use --help
                Usage:  strata login [OPTIONS] [SERVER]

                Authenticate to a registry.
                Defaults to Docker Hub if no server is specified.

                Options:
                  -p, --password string   Password or Personal Access Token (PAT)
                      --password-stdin    Take the Password or Personal Access Token
                                          (PAT) from stdin
                  -u, --username string   Username
                """,
                ""),
            new Case("login a b", 1,
                "",
                """
                strata: 'strata login' requires at most 1 argument

                Usage:  strata login [OPTIONS] [SERVER]

                SRun 'strata login --help' for more information
                """),
            new Case("logout a b", 1,
                "",
                """
                strata: 'strata logout' requires at most 1 argument

                Usage:  strata logout [SERVER]

                SRun 'strata logout --help' for more information
                """),
            new Case("search", 1,
                "",
                """
                strata: 'strata search' requires 1 argument

                Usage:  strata search [OPTIONS] TERM

                Run 'strata search --help' for more information
                """),
            new Case("search a b", 1,
                "",
                """
                strata: 'strata search' requires 1 argument

                Usage:  strata search [OPTIONS] TERM

                Run 'strata search --help' for more information
                """),
            new Case("manifest inspect", 1,
                "",
                """
                strata: 'strata manifest inspect' requires at least 1 and at most 2 arguments

                Usage:  strata manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST

                Run 'strata manifest inspect --help' for more information
                """),
            new Case("manifest inspect a b c", 1,
                "",
                """
                strata: 'strata manifest inspect' requires at least 1 and at most 2 arguments

                Usage:  strata manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST

                Run 'strata manifest inspect --help' for more information
                """),
            new Case("search --limit x a", 125,
                "",
                """
                invalid argument "x" for "--limit" flag: strconv.ParseInt: parsing "x": invalid syntax

                Usage:  strata search [OPTIONS] TERM

                Run 'strata search --help' for more information
                """),
            new Case("login --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata login [OPTIONS] [SERVER]

                Run 'strata login --help' for more information
                """),
            new Case("search -f nope a", 125,
                "",
                """
                invalid argument "nope" for "-f, --filter" flag: bad format of filter (expected name=value)

                Usage:  strata search [OPTIONS] TERM

                Run 'strata search --help' for more information
                """),
            new Case("manifest inspect --bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST

                Run 'strata manifest inspect --help' for more information
                """),
            new Case("manifest inspect a b", 1,
                "",
                """
                No such manifest: docker.io/library/b:latest
                """),
            new Case("login -u a --password-stdin -p x", 1,
                "",
                """
                conflicting options: cannot specify both --password and --password-stdin
                """),
            new Case("login --password-stdin", 1,
                "",
                """
                the --password-stdin option requires --username to be set
                """),
            new Case("search --limit 200 x", 1,
                "",
                """
                Error: Limit 200 is outside the range of [1, 100]
                """),
            new Case("search -f bogus=1 x", 1,
                "",
                """
                Error: Invalid filter 'bogus'
                """),
            new Case("search -f stars=x x", 1,
                "",
                """
                Error: Invalid filter 'stars=x'
                """),
            new Case("search -f is-official=maybe x", 1,
                "",
                """
                Error: Invalid filter 'is-official=[maybe]'
                """),
            new Case("search -f is-automated=maybe x", 1,
                "",
                """
                WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" will not yield any results in future.
                Error: Invalid filter 'is-automated=[maybe]'
                """),
            new Case("manifest inspect a:b:c", 1,
                "",
                """
                invalid reference format
                """),
            new Case("--bogus", 125,
                "",
                """
                unknown flag: --bogus

                Usage:  strata [OPTIONS] COMMAND [ARG...]

                Run 'strata --help' for more information
                """),
            new Case("help bogus", 1,
                "",
                """
                unknown help topic: bogus
                """),
            new Case("help images extra", 1,
                "",
                """
                unknown help topic: extra
                """)
        );
    }

    @ParameterizedTest
    @MethodSource("cases")
    void printsWhatDockerPrints(Case expected) {
        CliRun run = CliRun.run(root, expected.commandLine().split(" "));
        assertThat(new Case(expected.commandLine(), run.exitCode(), run.out(), run.err())).isEqualTo(expected);
    }
}
