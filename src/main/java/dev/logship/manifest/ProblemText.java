package dev.logship.manifest;

/**
 * Keeps problem text readable whatever the file held. Messages and field paths quote values
 * and keys from hostile files: a 300 KB name would make a 300 KB line, and an escape sequence
 * (ESC [ 2 J) or a line separator would rewrite the terminal or forge extra lines in
 * {@code validate}'s one-problem-per-line output. So control and format characters become
 * visible escapes, any very long word is cut (keeping the explanation around it intact) and
 * any URI loses everything after its scheme.
 */
final class ProblemText {
    static final int MAX_WORD = 256;
    private static final int KEPT = 64;
    private static final String MASK = "****";

    private ProblemText() {}

    static String readable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 1024));
        int wordStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                appendWord(out, text.substring(wordStart, i));
                if (i < text.length()) {
                    out.append(' ');
                }
                wordStart = i + 1;
            }
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String word) {
        String shown = maskUri(word.length() > MAX_WORD
                ? word.substring(0, KEPT) + "...(" + word.length() + " characters)"
                : word);
        shown.codePoints().forEach(c -> {
            if (isInvisible(c)) {
                out.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
    }

    /**
     * A URI quoted from a file (a route used as a name, a key, a value) is treated as a route:
     * its host and port are a password, so everything after {@code ://} goes. The HOST:PORT
     * placeholder of logship's own hints stays.
     */
    private static String maskUri(String word) {
        int separator = word.indexOf("://");
        if (separator < 0 || word.startsWith("HOST:PORT", separator + 3)) {
            return word;
        }
        return word.substring(0, separator) + "://" + MASK + (word.endsWith("\"") ? "\"" : "");
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
