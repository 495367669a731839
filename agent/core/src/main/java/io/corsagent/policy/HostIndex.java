package io.corsagent.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wildcard origin entries keyed by host (or host suffix), looked up by a region of the request's {@code Origin}
 * with a precomputed {@link String#hashCode()}: no substring, no allocation, and a cost that does not grow with
 * the number of entries.
 */
final class HostIndex {

    private static final ConfiguredOrigin[] NONE = new ConfiguredOrigin[0];

    private final int mask;
    private final String[] keys;
    private final int[] hashes;
    private final ConfiguredOrigin[][] values;
    private final int size;

    HostIndex(List<ConfiguredOrigin> entries) {
        Map<String, List<ConfiguredOrigin>> byHost = new LinkedHashMap<>();
        for (ConfiguredOrigin entry : entries) {
            List<ConfiguredOrigin> list = byHost.get(entry.host);
            if (list == null) {
                list = new ArrayList<>();
                byHost.put(entry.host, list);
            }
            list.add(entry);
        }
        int capacity = 2;
        while (capacity < byHost.size() * 2) {
            capacity <<= 1;
        }
        mask = capacity - 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new ConfiguredOrigin[capacity][];
        size = byHost.size();
        for (Map.Entry<String, List<ConfiguredOrigin>> entry : byHost.entrySet()) {
            int hash = entry.getKey().hashCode();
            int slot = spread(hash) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = entry.getKey();
            hashes[slot] = hash;
            values[slot] = entry.getValue().toArray(NONE);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * @param hash {@code text.substring(start, end).hashCode()}, computed by the caller without the substring
     * @return the entries whose key equals that region, or {@code null}
     */
    ConfiguredOrigin[] find(String text, int start, int end, int hash) {
        int length = end - start;
        for (int slot = spread(hash) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (hashes[slot] == hash && key.length() == length && text.regionMatches(start, key, 0, length)) {
                return values[slot];
            }
        }
        return null;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
