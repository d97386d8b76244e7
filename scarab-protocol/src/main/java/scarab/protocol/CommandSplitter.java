package scarab.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code -c CMD} into words the way a POSIX shell would split a simple command, without
 * running a shell: blanks separate words; single quotes keep everything literally; double
 * quotes keep everything but allow {@code \"}, {@code \\}, {@code \$} and {@code \`}; a backslash
 * outside quotes escapes the next character. No variables, globs or operators are interpreted;
 * write {@code sh -c '...'} for those.
 */
public final class CommandSplitter {
    private CommandSplitter() {}

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote in command: " + line);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated double quote in command: " + line);
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    if (line.charAt(i + 1) != '\n') {
                        word.append(line.charAt(i + 1));
                        inWord = true;
                    }
                    i += 2;
                } else {
                    word.append('\\');
                    inWord = true;
                    i++;
                }
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
