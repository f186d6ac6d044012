package dev.strata.container;

import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Docker-style container names, {@code adjective_surname}, for containers created without
 * {@code --name}. The surnames are of people who shaped geology and stratigraphy, and of computing
 * pioneers; the lists are our own.
 */
public final class RandomNames {
    static final List<String> ADJECTIVES = List.of(
            "agile", "amber", "ancient", "bold", "brave", "bright", "calm", "careful", "cheerful", "clever",
            "cosmic", "crisp", "curious", "daring", "deep", "eager", "earnest", "elastic", "fearless", "festive",
            "fluent", "gentle", "gifted", "golden", "grateful", "hardy", "honest", "humble", "jolly", "keen",
            "kind", "layered", "lively", "lucid", "mellow", "merry", "mighty", "modest", "nimble", "noble",
            "patient", "placid", "polished", "proud", "quiet", "radiant", "rapid", "serene", "sharp", "silent",
            "sleepy", "snappy", "solid", "steady", "sturdy", "sunny", "swift", "tender", "tidy", "vivid",
            "warm", "wise", "witty", "zealous");

    static final List<String> SURNAMES = List.of(
            "agricola", "anning", "babbage", "bascom", "borg", "brongniart", "buckland", "cuvier", "dana",
            "darwin", "dijkstra", "escher", "floyd", "gilbert", "goldberg", "gould", "hamilton", "hollerith",
            "hopper", "hutton", "knuth", "lamarck", "lamport", "lehmann", "liskov", "lovelace", "lyell",
            "mohs", "murchison", "naur", "nygaard", "oldham", "perlman", "playfair", "richter", "ritchie",
            "sedgwick", "shannon", "smith", "sorby", "steno", "tharp", "thompson", "torvalds", "turing",
            "ussher", "vine", "wegener", "werner", "wirth", "wilkes", "zittel");

    private final RandomGenerator random;

    public RandomNames(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + SURNAMES.get(random.nextInt(SURNAMES.size()));
    }

    /**
     * A name {@code taken} rejects: a few random tries, then, as Docker does when names run short, a
     * random name with a number appended.
     */
    public String unused(Predicate<String> taken) {
        for (int i = 0; i < 8; i++) {
            String name = next();
            if (!taken.test(name)) {
                return name;
            }
        }
        while (true) {
            String name = next() + random.nextInt(1, 1000);
            if (!taken.test(name)) {
                return name;
            }
        }
    }
}
