package dev.strata.network.ip;

/**
 * An IPv4 network in CIDR form, {@code 10.213.0.0/24}: the base address (host bits zero) and the prefix
 * length.
 */
public record Subnet(int base, int prefix) {
    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("invalid prefix length " + prefix);
        }
        base = base & mask(prefix);
    }

    /**
     * {@code A.B.C.D/N}; host bits are cleared ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}), as Docker
     * stores what it is given after parsing. Throws IllegalArgumentException with Go's words.
     */
    public static Subnet parse(String text) {
        int slash = text.indexOf('/');
        Integer address = slash < 0 ? null : Ipv4.tryParse(text.substring(0, slash));
        String bits = slash < 0 ? "" : text.substring(slash + 1);
        if (address == null || bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(bits) > 32 || (bits.length() > 1 && bits.charAt(0) == '0')) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new Subnet(address, Integer.parseInt(bits));
    }

    public static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public int mask() {
        return mask(prefix);
    }

    /** The number of addresses, 2^(32 - prefix). */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** The address {@code offset} past the base. */
    public int address(long offset) {
        return (int) (Integer.toUnsignedLong(base) + offset);
    }

    public int broadcast() {
        return base | ~mask();
    }

    public boolean contains(int address) {
        return (address & mask()) == base;
    }

    public boolean contains(Subnet other) {
        return other.prefix >= prefix && contains(other.base);
    }

    public boolean overlaps(Subnet other) {
        return contains(other.base) || other.contains(base);
    }

    @Override
    public String toString() {
        return Ipv4.format(base) + "/" + prefix;
    }
}
