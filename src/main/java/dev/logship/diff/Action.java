package dev.logship.diff;

/** What a change does, with the symbol plans print for it (terraform's conventions). */
public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    RECREATE("-/+", "recreate"),
    PRUNE("-", "prune"),
    CONFLICT("!", "conflict"),
    NO_CHANGE(" ", "no change");

    private final String symbol;
    private final String verb;

    Action(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    public String symbol() {
        return symbol;
    }

    public String verb() {
        return verb;
    }

    /** Whether applying it calls a mutating ECS API. */
    public boolean mutates() {
        return this == CREATE || this == UPDATE || this == RECREATE || this == PRUNE;
    }
}
