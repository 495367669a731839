package io.corsagent.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small set of names that only grows, up to a fixed capacity; names beyond it only mark it incomplete. Lock-free:
 * a name seen before costs a scan of a few slots and no allocation, so request threads can add to it freely.
 */
final class BoundedNames {

    private final AtomicReferenceArray<String> slots;
    private volatile boolean incomplete;

    BoundedNames(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** @return whether the name is new to the set (false when known, or when the set is full) */
    boolean add(String name) {
        for (int i = 0; i < slots.length(); i++) {
            String there = slots.get(i);
            if (there == null) {
                if (slots.compareAndSet(i, null, name)) {
                    return true;
                }
                there = slots.get(i);
            }
            if (there.equals(name)) {
                return false;
            }
        }
        leftOut();
        return false;
    }

    /** Records that a name was turned away: the set is no longer the whole story. */
    void leftOut() {
        if (!incomplete) {
            incomplete = true;
        }
    }

    /** Whether the set holds {@code text[0, end)}: lets a caller skip taking the substring of a known name. */
    boolean containsPrefix(String text, int end) {
        for (int i = 0; i < slots.length(); i++) {
            String there = slots.get(i);
            if (there == null) {
                return false;
            }
            if (there.length() == end && text.startsWith(there)) {
                return true;
            }
        }
        return false;
    }

    boolean contains(String name) {
        for (int i = 0; i < slots.length(); i++) {
            String there = slots.get(i);
            if (there == null) {
                return false;
            }
            if (there.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The slot of a name kept, compared ignoring case, or -1: slots fill in order and never change, so a slot
     * index is also the name's position in {@link #names()}.
     */
    int indexOfIgnoreCase(String name) {
        for (int i = 0; i < slots.length(); i++) {
            String there = slots.get(i);
            if (there == null) {
                return -1;
            }
            if (there.equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a name was turned away: the set was full, or the name was not one a browser sends. */
    boolean incomplete() {
        return incomplete;
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            String there = slots.get(i);
            if (there != null) {
                names.add(there);
            }
        }
        return names;
    }
}
