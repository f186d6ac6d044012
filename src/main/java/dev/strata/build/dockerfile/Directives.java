package dev.strata.build.dockerfile;

import java.util.List;
import java.util.Optional;

/** The parser directives at the top of a Dockerfile, in file order. */
public record Directives(List<Directive> all) {
    public Directives {
        all = List.copyOf(all);
    }

    public static Directives none() {
        return new Directives(List.of());
    }

    /** The escape character: {@code \} unless {@code # escape=`} says otherwise. */
    public char escape() {
        return value("escape").map(v -> v.charAt(0)).orElse('\\');
    }

    /** The frontend image named by {@code # syntax=}; Strata records it but has one frontend. */
    public Optional<String> syntax() {
        return value("syntax");
    }

    /** The lint configuration of {@code # check=}. */
    public Optional<CheckOptions> check() {
        return value("check").map(CheckOptions::parse);
    }

    private Optional<String> value(String name) {
        return all.stream().filter(d -> d.name().equals(name)).map(Directive::value).findFirst();
    }
}
