package io.corsagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the result table JMH prints (with {@code -prof gc}) into a Markdown table: time per operation with its
 * error, and bytes allocated per operation. Usage: {@code JmhTable bench/results/jmh-<stamp>.txt}.
 */
public final class JmhTable {

    private JmhTable() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Benchmark ")) {
                start = i;
            }
        }
        boolean hasParam = lines.get(start).contains("(");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            String name = f[0];
            int i = 1;
            String param = hasParam ? f[i++] : "";
            i++; // mode
            if (i < f.length && f[i].matches("\\d+")) {
                i++; // count
            }
            String score = f[i];
            String error = i + 2 < f.length && f[i + 1].equals("±") ? f[i + 2] : "";
            String unit = f[f.length - 1];
            if (name.endsWith(":gc.alloc.rate.norm")) {
                String key = name.substring(0, name.indexOf(':')) + "|" + param;
                rows.computeIfAbsent(key, k -> new String[3])[2] = score;
            } else if (!name.contains(":") && unit.equals("ns/op")) {
                String key = name + "|" + param;
                String[] row = rows.computeIfAbsent(key, k -> new String[3]);
                row[0] = score;
                row[1] = error;
            }
        }
        System.out.println("| benchmark | mode | ns/op | ± (99.9%) | B/op |");
        System.out.println("| --- | --- | --- | --- | --- |");
        rows.forEach((key, row) -> {
            String[] parts = key.split("\\|", -1);
            System.out.println("| `" + parts[0] + "` | " + (parts[1].equals("N/A") ? "" : parts[1]) + " | " + row[0] + " | "
                    + (row[1] == null ? "" : row[1]) + " | " + (row[2] == null ? "" : row[2]) + " |");
        });
    }
}
