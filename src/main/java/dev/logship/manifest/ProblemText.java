package dev.logship.manifest;

/**
 * Keeps problem text readable whatever the file held. Messages and field paths quote values
 * and keys from hostile files: a 300 KB name would make a 300 KB line, and an escape sequence
 * (ESC [ 2 J) or a line separator would rewrite the terminal or forge extra lines in
 * {@code validate}'s one-problem-per-line output. So control and format characters become
 * visible escapes and any very long word is cut, keeping the explanation around it intact.
 */
final class ProblemText {
    static final int MAX_WORD = 256;
    private static final int KEPT = 64;

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
        String shown = word.length() > MAX_WORD
                ? word.substring(0, KEPT) + "...(" + word.length() + " characters)"
                : word;
        shown.codePoints().forEach(c -> {
            if (isInvisible(c)) {
                out.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
