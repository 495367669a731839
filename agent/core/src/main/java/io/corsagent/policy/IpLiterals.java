package io.corsagent.policy;

/**
 * IP address hosts as the URL Standard (WHATWG) parses and serializes them, so that a policy entry can be compared
 * with the one spelling a browser puts in {@code Origin}: {@code http://127.1} is sent as {@code http://127.0.0.1},
 * {@code http://[0:0:0:0:0:0:0:1]} as {@code http://[::1]}. Only policy loading uses it, never a request.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * Whether browsers parse this host as an IPv4 address: its last label (a single trailing dot aside) is a
     * decimal number, or {@code 0x} followed by hexadecimal digits.
     *
     * @param host lower-case domain-style host, without brackets
     */
    static boolean endsInNumber(String host) {
        String[] labels = labels(host);
        if (labels.length == 0) {
            return false;
        }
        String last = labels[labels.length - 1];
        if (last.isEmpty()) {
            return false;
        }
        boolean digits = true;
        for (int i = 0; i < last.length() && digits; i++) {
            digits = last.charAt(i) >= '0' && last.charAt(i) <= '9';
        }
        return digits || ipv4Number(last) >= 0;
    }

    /**
     * @param host a host that {@link #endsInNumber ends in a number}
     * @return the address in dotted decimal, as browsers serialize it, or {@code null} when it is no valid address
     */
    static String canonicalIpv4(String host) {
        String[] labels = labels(host);
        if (labels.length == 0 || labels.length > 4) {
            return null;
        }
        long[] numbers = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            numbers[i] = ipv4Number(labels[i]);
            if (numbers[i] < 0 || i < labels.length - 1 && numbers[i] > 255) {
                return null;
            }
        }
        long last = numbers[labels.length - 1];
        if (last >= 1L << (8 * (5 - labels.length))) {
            return null;
        }
        long address = last;
        for (int i = 0; i < labels.length - 1; i++) {
            address += numbers[i] << (8 * (3 - i));
        }
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    /**
     * @param bracketed lower-case {@code [address]}
     * @return the address as browsers serialize it (in brackets: lower-case hexadecimal without leading zeros, the
     *         first longest run of two or more zero pieces written {@code ::}), or {@code null} when it is no valid
     *         address
     */
    static String canonicalIpv6(String bracketed) {
        int[] pieces = ipv6Pieces(bracketed.substring(1, bracketed.length() - 1));
        if (pieces == null) {
            return null;
        }
        int compressAt = -1;
        int longest = 1;
        for (int i = 0; i < 8; ) {
            int end = i;
            while (end < 8 && pieces[end] == 0) {
                end++;
            }
            if (end - i > longest) {
                compressAt = i;
                longest = end - i;
            }
            i = end == i ? i + 1 : end;
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == compressAt) {
                text.append(i == 0 ? "::" : ":");
                i += longest - 1;
                continue;
            }
            text.append(Integer.toHexString(pieces[i]));
            if (i < 7) {
                text.append(':');
            }
        }
        return text.append(']').toString();
    }

    /** The dot-separated labels, a single empty last label (a trailing dot) dropped. */
    private static String[] labels(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length > 1 && labels[labels.length - 1].isEmpty()) {
            String[] trimmed = new String[labels.length - 1];
            System.arraycopy(labels, 0, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return labels;
    }

    /** One IPv4 label: decimal, {@code 0x} hexadecimal or {@code 0}-prefixed octal; -1 when it is none of them. */
    private static long ipv4Number(String label) {
        if (label.isEmpty()) {
            return -1;
        }
        int radix = 10;
        int start = 0;
        if (label.startsWith("0x")) {
            radix = 16;
            start = 2;
        } else if (label.length() > 1 && label.charAt(0) == '0') {
            radix = 8;
            start = 1;
        }
        long value = 0;
        for (int i = start; i < label.length(); i++) {
            int digit = Character.digit(label.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
            if (value > 0xffffffffL) {
                // Too large for any position; still a number, so the caller reports an invalid address.
                return Long.MAX_VALUE;
            }
        }
        return value;
    }

    /** The URL Standard's IPv6 parser: eight 16-bit pieces, or {@code null} on any validation failure. */
    private static int[] ipv6Pieces(String input) {
        int[] pieces = new int[8];
        int length = input.length();
        int piece = 0;
        int compress = -1;
        int i = 0;
        if (i < length && input.charAt(i) == ':') {
            if (i + 1 >= length || input.charAt(i + 1) != ':') {
                return null;
            }
            i += 2;
            compress = ++piece;
        }
        while (i < length) {
            if (piece == 8) {
                return null;
            }
            if (input.charAt(i) == ':') {
                if (compress != -1) {
                    return null;
                }
                i++;
                compress = ++piece;
                continue;
            }
            int value = 0;
            int digits = 0;
            while (digits < 4 && i < length && hex(input.charAt(i)) >= 0) {
                value = value * 16 + hex(input.charAt(i));
                i++;
                digits++;
            }
            if (i < length && input.charAt(i) == '.') {
                if (digits == 0 || piece > 6) {
                    return null;
                }
                return embeddedIpv4(input, i - digits, pieces, piece) ? withCompression(pieces, piece + 2, compress)
                        : null;
            }
            if (i < length) {
                if (input.charAt(i) != ':') {
                    return null;
                }
                i++;
                if (i >= length) {
                    return null;
                }
            }
            pieces[piece++] = value;
        }
        return withCompression(pieces, piece, compress);
    }

    /** Parses a dotted-decimal IPv4 tail into pieces {@code piece} and {@code piece + 1}. */
    private static boolean embeddedIpv4(String input, int start, int[] pieces, int piece) {
        String[] parts = input.substring(start).split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        int[] bytes = new int[4];
        for (int k = 0; k < 4; k++) {
            String part = parts[k];
            if (part.isEmpty() || part.length() > 1 && part.charAt(0) == '0' || part.length() > 3) {
                return false;
            }
            for (int c = 0; c < part.length(); c++) {
                if (part.charAt(c) < '0' || part.charAt(c) > '9') {
                    return false;
                }
            }
            bytes[k] = Integer.parseInt(part);
            if (bytes[k] > 255) {
                return false;
            }
        }
        pieces[piece] = bytes[0] << 8 | bytes[1];
        pieces[piece + 1] = bytes[2] << 8 | bytes[3];
        return true;
    }

    /** Moves the pieces after {@code ::} to the end; {@code null} when the address has not eight pieces. */
    private static int[] withCompression(int[] pieces, int count, int compress) {
        if (compress == -1) {
            return count == 8 ? pieces : null;
        }
        int swaps = count - compress;
        for (int target = 7; target != 0 && swaps > 0; target--, swaps--) {
            int source = compress + swaps - 1;
            int moved = pieces[source];
            pieces[source] = pieces[target];
            pieces[target] = moved;
        }
        return pieces;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
