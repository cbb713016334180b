package io.redoubt.support;

import java.util.ArrayList;
import java.util.List;

/** Helpers on {@link RespProbe}'s rendered replies. */
public final class RespReplies {
    private RespReplies() {
    }

    /**
     * The reply with the elements of every aggregate sorted (recursively), for comparing replies whose order
     * is unspecified (HKEYS, SMEMBERS, ...). A map's "key: value" entries are sorted as units.
     */
    public static String sorted(String reply) {
        int open = -1;
        for (int i = 0; i < reply.length(); i++) {
            char ch = reply.charAt(i);
            if (ch == '"') {
                break; // a bulk string, not an aggregate
            }
            if (ch == '[' || ch == '{') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return reply;
        }
        String inner = reply.substring(open + 1, reply.length() - 1);
        List<String> items = new ArrayList<>();
        for (String item : splitTopLevel(inner)) {
            int colon = topLevelColon(item);
            items.add(colon < 0 ? sorted(item) : sorted(item.substring(0, colon)) + ": " + sorted(item.substring(colon + 2)));
        }
        items.sort(null);
        return reply.substring(0, open + 1) + String.join(", ", items) + reply.charAt(reply.length() - 1);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '[' || ch == '{')) {
                depth++;
            } else if (!quoted && (ch == ']' || ch == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                out.add(s.substring(start, i));
                start = i + 2;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static int topLevelColon(String item) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i + 1 < item.length(); i++) {
            char ch = item.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '[' || ch == '{')) {
                depth++;
            } else if (!quoted && (ch == ']' || ch == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && ch == ':' && item.charAt(i + 1) == ' ') {
                return i;
            }
        }
        return -1;
    }
}
