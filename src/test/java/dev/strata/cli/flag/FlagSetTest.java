package dev.strata.cli.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pflag's grammar, case by case; every error message is pflag's (checked against the docker CLI). */
class FlagSetTest {
    private final FlagSet flags = new FlagSet();
    private final Flag<Boolean> all = flags.bool("all", 'a', "Show all");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only IDs");
    private final Flag<Boolean> human = flags.bool("human", 'H', "Human sizes").defaultValue(true);
    private final Flag<String> format = flags.string("format", "A template");
    private final Flag<List<String>> filters = flags.list("filter", 'f', "Conditions");
    private final Flag<Long> last = flags.integer("last", 'n', "How many").defaultValue(-1L);
    private final List<String> notices = new ArrayList<>();

    private List<String> parse(String... args) throws FlagError {
        return flags.parse(List.of(args), true, notices::add);
    }

    private String error(String... args) {
        try {
            parse(args);
        } catch (FlagError e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed without an error: " + List.of(args));
    }

    @Test
    void longFlagsTakeTheNextWordOrWhatFollowsTheEqualsSign() throws FlagError {
        assertThat(parse("--format", "{{.ID}}")).isEmpty();
        assertThat(format.get()).isEqualTo("{{.ID}}");
        parse("--format={{.Repository}}:{{.Tag}}");
        assertThat(format.get()).isEqualTo("{{.Repository}}:{{.Tag}}");
        parse("--format=");
        assertThat(format.get()).isEmpty();
        assertThat(format.changed()).isTrue();
    }

    @Test
    void theNextWordIsTakenEvenWhenItLooksLikeAFlag() throws FlagError {
        parse("--format", "--all");
        assertThat(format.get()).isEqualTo("--all");
        assertThat(all.get()).isFalse();
        parse("-f", "-q");
        assertThat(filters.get()).containsExactly("-q");
    }

    @Test
    void boolsNeverTakeTheNextWord() throws FlagError {
        assertThat(parse("--all", "false")).containsExactly("false");
        assertThat(all.get()).isTrue();
        parse("--all=false");
        assertThat(all.get()).isFalse();
        assertThat(parse("-H", "false")).containsExactly("false");
        assertThat(human.get()).isTrue();
        parse("-H=false");
        assertThat(human.get()).isFalse();
    }

    @Test
    void boolsReadGoSpellings() throws FlagError {
        for (String yes : List.of("1", "t", "T", "true", "TRUE", "True")) {
            parse("--all=false", "--all=" + yes);
            assertThat(all.get()).as(yes).isTrue();
        }
        for (String no : List.of("0", "f", "F", "false", "FALSE", "False")) {
            parse("--all", "--all=" + no);
            assertThat(all.get()).as(no).isFalse();
        }
        assertThat(error("--all=maybe"))
                .isEqualTo("invalid argument \"maybe\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax");
        assertThat(error("--all=")).isEqualTo(
                "invalid argument \"\" for \"-a, --all\" flag: strconv.ParseBool: parsing \"\": invalid syntax");
        assertThat(error("-q=yes"))
                .isEqualTo("invalid argument \"yes\" for \"-q, --quiet\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void shorthandsCombineAndTakeTheirValueAttachedOrNext() throws FlagError {
        parse("-qa");
        assertThat(quiet.get()).isTrue();
        assertThat(all.get()).isTrue();
        parse("-f", "dangling=true", "-fbefore=x", "-f=since=y", "-qfreference=z");
        assertThat(filters.get()).containsExactly("dangling=true", "before=x", "since=y", "reference=z");
        parse("-qf", "label=a");
        assertThat(filters.get()).endsWith("label=a");
        parse("-aq=false");
        assertThat(all.get()).isTrue();
        assertThat(quiet.get()).isFalse();
    }

    @Test
    void listsGrowWithEachUseAndKeepCommas() throws FlagError {
        parse("-f", "a=1,b=2", "--filter", "c=3", "--filter=d=4");
        assertThat(filters.get()).containsExactly("a=1,b=2", "c=3", "d=4");
    }

    @Test
    void flagsAndArgumentsMixAndDoubleDashEndsTheFlags() throws FlagError {
        assertThat(parse("x", "-q", "y", "--all", "-", "--", "-a", "--format", "z")).containsExactly("x", "y", "-", "-a",
                "--format", "z");
        assertThat(quiet.get()).isTrue();
        assertThat(format.changed()).isFalse();
        assertThat(parse("", "-")).containsExactly("", "-");
    }

    @Test
    void withoutInterspersingTheFirstArgumentEndsTheFlags() throws FlagError {
        assertThat(flags.parse(List.of("-q", "busybox", "ls", "-a", "--", "-l"), false, notices::add))
                .containsExactly("busybox", "ls", "-a", "--", "-l");
        assertThat(quiet.get()).isTrue();
        assertThat(all.get()).isFalse();
    }

    @Test
    void unknownAndMalformedFlags() {
        assertThat(error("--bogus")).isEqualTo("unknown flag: --bogus");
        assertThat(error("--bogus=1")).isEqualTo("unknown flag: --bogus");
        assertThat(error("-x")).isEqualTo("unknown shorthand flag: 'x' in -x");
        assertThat(error("-qx")).isEqualTo("unknown shorthand flag: 'x' in -x");
        assertThat(error("-xq")).isEqualTo("unknown shorthand flag: 'x' in -xq");
        assertThat(error("---x")).isEqualTo("bad flag syntax: ---x");
        assertThat(error("--=x")).isEqualTo("bad flag syntax: --=x");
        assertThat(error("-q=")).isEqualTo("unknown shorthand flag: '=' in -=");
    }

    @Test
    void aFlagWithoutItsValue() {
        assertThat(error("--format")).isEqualTo("flag needs an argument: --format");
        assertThat(error("-f")).isEqualTo("flag needs an argument: 'f' in -f");
        assertThat(error("-qf")).isEqualTo("flag needs an argument: 'f' in -f");
    }

    @Test
    void integersAreReadAsGoReadsThem() throws FlagError {
        assertThat(last.get()).isEqualTo(-1L);
        assertThat(last.changed()).isFalse();
        String[][] cases = {{"42", "42"}, {"-5", "-5"}, {"+5", "5"}, {"0x1F", "31"}, {"0X1f", "31"}, {"0o17", "15"},
                {"017", "15"}, {"0b101", "5"}, {"1_000", "1000"}, {"0x_1F", "31"}, {"0", "0"},
                {"9223372036854775807", "9223372036854775807"}, {"-9223372036854775808", "-9223372036854775808"}};
        for (String[] c : cases) {
            parse("-n", c[0]);
            assertThat(last.get()).as(c[0]).isEqualTo(Long.parseLong(c[1]));
        }
        for (String bad : List.of("abc", "", "08", "0x", "1__0", "_1", "1_", "1.5", "--1", "٣")) {
            assertThat(error("--last=" + bad)).as(bad).isEqualTo("invalid argument \"" + bad
                    + "\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"" + bad + "\": invalid syntax");
        }
        for (String big : List.of("9223372036854775808", "-9223372036854775809", "99999999999999999999")) {
            assertThat(error("-n", big)).as(big).isEqualTo("invalid argument \"" + big
                    + "\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"" + big + "\": value out of range");
        }
    }

    @Test
    void aValueTheSetterRefusesNamesTheFlagAsPflagDoes() {
        FlagSet set = new FlagSet();
        set.value("memory", 'm', "bytes", "Memory limit", 0L, (current, text) -> {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        });
        set.value("cpus", "decimal", "Number of CPUs", "", (current, text) -> {
            throw new IllegalArgumentException("failed to parse " + text + " as a rational number");
        });
        assertThatThrownBy(() -> set.parse(List.of("--memory", "abc"), true, notices::add))
                .hasMessage("invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'");
        assertThatThrownBy(() -> set.parse(List.of("--cpus=x\ty"), true, notices::add))
                .hasMessage("invalid argument \"x\\ty\" for \"--cpus\" flag: failed to parse x\ty as a rational number");
    }

    @Test
    void givenIsNullUntilTheCommandLineSetsTheFlag() throws FlagError {
        assertThat(format.given()).isNull();
        assertThat(human.given()).isNull();
        assertThat(human.get()).isTrue();
        parse("--format", "", "-H=true");
        assertThat(format.given()).isEmpty();
        assertThat(human.given()).isTrue();
    }

    @Test
    void aliasesShareTheValueAndDeprecatedOnesSaySo() throws FlagError {
        FlagSet set = new FlagSet();
        Flag<Long> timeout = set.integer("timeout", 't', "Seconds");
        set.alias("time", timeout).deprecated("use --timeout instead");
        Flag<String> network = set.string("network", "A network");
        set.alias("net", network);
        set.parse(List.of("--time", "3", "--net=host"), true, notices::add);
        assertThat(timeout.get()).isEqualTo(3L);
        assertThat(timeout.changed()).isTrue();
        assertThat(network.get()).isEqualTo("host");
        assertThat(notices).containsExactly("Flag --time has been deprecated, use --timeout instead");
        assertThat(Help.flagUsages(set, Help.WIDTH)).doesNotContain("--time ").doesNotContain("--net ");
    }

    @Test
    void helpIsHiddenAndItsShorthandDeprecated() throws FlagError {
        parse("-qh");
        assertThat(flags.helpRequested()).isTrue();
        assertThat(notices).containsExactly("Flag shorthand -h has been deprecated, use --help");
        assertThat(Help.flagUsages(flags, Help.WIDTH)).doesNotContain("help");

        FlagSet run = new FlagSet();
        Flag<String> hostname = run.string("hostname", 'h', "Container host name");
        run.parse(List.of("-h", "box"), true, notices::add);
        assertThat(hostname.get()).isEqualTo("box");
        assertThat(run.helpRequested()).isFalse();
        run.parse(List.of("--help"), true, notices::add);
        assertThat(run.helpRequested()).isTrue();
    }

    @Test
    void flagUsagesAlignAfterTheLongestNameAndShowDefaults() {
        assertThat(Help.flagUsages(flags, Help.WIDTH)).isEqualTo("""
                  -a, --all             Show all
                  -f, --filter list     Conditions
                      --format string   A template
                  -H, --human           Human sizes (default true)
                  -n, --last int        How many (default -1)
                  -q, --quiet           Only IDs
                """);
        FlagSet set = new FlagSet();
        set.string("tail", 'n', "Lines").defaultValue("all");
        set.string("signal", 's', "Signal").defaultValue("");
        assertThat(Help.flagUsages(set, Help.WIDTH)).isEqualTo("""
                  -s, --signal string   Signal
                  -n, --tail string     Lines (default "all")
                """);
    }

    @Test
    void longDescriptionsWrapAsPflagWrapsThem() {
        FlagSet set = new FlagSet();
        set.string("since", "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
        set.bool("follow", 'f', "Follow log output");
        set.string("tail", 'n', "Number of lines to show from the end of the logs").defaultValue("all");
        // docker logs --help, those three flags
        assertThat(Help.flagUsages(set, Help.WIDTH)).isEqualTo("""
                  -f, --follow         Follow log output
                      --since string   Show logs since timestamp (e.g.
                                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                                       for 42 minutes)
                  -n, --tail string    Number of lines to show from the end of the logs
                                       (default "all")
                """);
        FlagSet narrow = new FlagSet();
        narrow.string("a-very-long-flag-name-that-leaves-no-room", "Described below the name, where there is room");
        assertThat(Help.flagUsages(narrow, 60)).isEqualTo("""
                      --a-very-long-flag-name-that-leaves-no-room string  \s
                                Described below the name, where there
                                is room
                """);
    }

    @Test
    void aShorthandOrNameUsedTwiceIsAProgrammingError() {
        assertThatThrownBy(() -> flags.bool("all", "Again")).hasMessage("flag redefined: all");
        assertThatThrownBy(() -> flags.bool("again", 'a', "Again")).hasMessage("shorthand redefined: a");
    }
}
