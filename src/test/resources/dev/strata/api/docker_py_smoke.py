"""docker-py (Debian's python3-docker) against Strata's daemon: images, containers, exec, logs, stats.
Run with DOCKER_HOST set; the image to use is the first argument. Prints one line per check."""
import sys
import time
import docker

image = sys.argv[1]
client = docker.from_env(version="auto")

def check(name, actual, expected):
    if actual != expected:
        print(f"FAIL {name}: {actual!r} != {expected!r}")
        sys.exit(1)
    print(f"ok {name}")

version = client.version()
check("version names Strata", version["Platform"]["Name"], "Strata")
check("ping", client.ping(), True)

tags = [t for i in client.images.list() for t in i.tags]
check("images.list has the base", image in tags, True)
base = client.images.get(image)
check("images.get id", base.id.startswith("sha256:"), True)
check("tag", base.tag("dmn-py", "smoke"), True)
check("tagged", "dmn-py:smoke" in client.images.get("dmn-py:smoke").tags, True)
check("history", len(client.api.history("dmn-py:smoke")) >= 1, True)

out = client.containers.run(image, ["sh", "-c", "echo from run"], remove=True)
check("run with remove", out, b"from run\n")

c = client.containers.run(image, ["sh", "-c", "echo started; echo warn >&2; exec sleep 60"], detach=True,
                          name="dmn-py-smoke", labels={"dmn": "py"})
deadline = time.time() + 10
while b"started" not in c.logs() and time.time() < deadline:
    time.sleep(0.1)
c.reload()
check("status", c.status, "running")
check("labels", c.labels.get("dmn"), "py")
check("logs stdout", c.logs(stdout=True, stderr=False), b"started\n")
check("logs stderr", c.logs(stdout=False, stderr=True), b"warn\n")
check("list by label", [x.name for x in client.containers.list(filters={"label": "dmn=py"})], ["dmn-py-smoke"])

code, output = c.exec_run(["sh", "-c", "echo in exec; exit 3"])
check("exec_run exit code", code, 3)
check("exec_run output", output, b"in exec\n")
code, (o, e) = c.exec_run(["sh", "-c", "echo o; echo e >&2"], demux=True)
check("exec_run demux", (code, o, e), (0, b"o\n", b"e\n"))
streamed = b"".join(c.exec_run(["sh", "-c", "echo a; echo b"], stream=True).output)
check("exec_run stream", streamed, b"a\nb\n")

stats = c.stats(stream=False)
check("stats names the container", (stats["name"], stats["id"]), ("/dmn-py-smoke", c.id))
check("stats memory", stats["memory_stats"]["usage"] > 0 and stats["memory_stats"]["limit"] > 0, True)
check("stats cpu since precpu", stats["cpu_stats"]["system_cpu_usage"] > stats["precpu_stats"]["system_cpu_usage"] > 0,
      True)
check("stats pids", stats["pids_stats"]["current"], 1)
frames = c.stats(stream=True, decode=True)
first = next(frames)
check("stats stream first frame", (first["preread"], first["cpu_stats"]["cpu_usage"]["total_usage"] > 0),
      ("0001-01-01T00:00:00Z", True))
second = next(frames)
check("stats stream second frame follows the first", (second["preread"], second["precpu_stats"]), (first["read"],
      first["cpu_stats"]))
frames.close()

c.stop(timeout=1)
c.reload()
check("stopped", c.status, "exited")
check("wait", c.wait()["StatusCode"], 137)
c.remove()
check("removed", [x.name for x in client.containers.list(all=True, filters={"name": "dmn-py-smoke"})], [])

client.images.remove("dmn-py:smoke")
check("image removed", "dmn-py:smoke" in [t for i in client.images.list() for t in i.tags], False)
print("docker-py smoke test passed")
