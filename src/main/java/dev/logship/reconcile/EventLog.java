package dev.logship.reconcile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A bounded, thread-safe history of recent events, newest first. */
public final class EventLog {
    private final int capacity;
    private final Deque<Event> events = new ArrayDeque<>();

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public synchronized void add(Event event) {
        events.addFirst(event);
        while (events.size() > capacity) {
            events.removeLast();
        }
    }

    public synchronized List<Event> recent() {
        return new ArrayList<>(events);
    }
}
