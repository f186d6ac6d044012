package bench;

/** What both tests run in their busybox container. */
final class HttpdScript {
    static final String PAGE = "<h1>hello from httpd</h1>\n";
    static final String SCRIPT = "mkdir -p /www && echo '<h1>hello from httpd</h1>' > /www/index.html"
            + " && exec httpd -f -p 8080 -h /www";

    private HttpdScript() {
    }
}
