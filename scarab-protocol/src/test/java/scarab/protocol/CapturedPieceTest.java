package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The daemon's hand-written pieces of a capture are the messages databind writes, and keep their bound. */
class CapturedPieceTest {

    /** Adds every line to one piece (a bound none of them reaches) and returns its JSON. */
    private static byte[] whole(long id, List<String> lines, boolean more) {
        CapturedPiece piece = new CapturedPiece(id, Integer.MAX_VALUE / 2);
        for (String line : lines) {
            assertTrue(piece.tryAdd(line));
        }
        return Arrays.copyOf(piece.bytes(), piece.finish(more));
    }

    @Test
    void aPieceIsTheBytesDatabindWritesForTheSameMessage() {
        Random random = new Random(13);
        for (int i = 0; i < 500; i++) {
            List<String> lines = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                lines.add(text(random));
            }
            long id = random.nextInt(1 << 20);
            boolean more = random.nextBoolean();
            Response.Captured message = new Response.Captured(id, lines, more);
            byte[] piece = whole(id, lines, more);
            assertArrayEquals(Json.write(message).getBytes(StandardCharsets.UTF_8), piece, lines.toString());
            assertEquals(message, LeanJson.readResponse(piece));
        }
    }

    @Test
    void escapesControlsQuotesBackslashesAndLoneSurrogatesAsDatabindDoes() {
        List<String> lines = List.of("", "\u001b[31mred\u001b[0m", "\"q\" \\ /", "\b\t\n\f\r\u0000\u001f\u007f",
                "wide \u4e2d\u6587 and \ud83d\ude00", "lone \ud800 and \udc00 end \ud83d");
        byte[] piece = whole(7, lines, false);
        assertArrayEquals(Json.write(new Response.Captured(7, lines, false)).getBytes(StandardCharsets.UTF_8), piece);
    }

    @Test
    void linesGoIntoPiecesWithinTheBoundInOrderAndALongLineGoesAlone() {
        int bound = 200;
        CapturedPiece piece = new CapturedPiece(3, bound);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(i == 40 ? "x".repeat(1000) : "line " + i + " " + "\u00e9".repeat(i % 7));
        }
        List<String> received = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String line : lines) {
            if (!piece.tryAdd(line)) {
                sizes.add(send(piece, true, received));
                piece.clear();
                assertTrue(piece.tryAdd(line), "an empty piece takes any line");
            }
        }
        sizes.add(send(piece, false, received));
        assertEquals(lines, received);
        assertTrue(sizes.size() > 10, "several pieces: " + sizes);
        long over = sizes.stream().filter(size -> size > bound).count();
        assertEquals(1, over, "only the piece of the long line is over the bound: " + sizes);
    }

    @Test
    void aLineThatDoesNotFitLeavesThePieceAsItWas() {
        CapturedPiece piece = new CapturedPiece(1, 100);
        assertTrue(piece.tryAdd("a".repeat(40)));
        assertFalse(piece.tryAdd("b".repeat(80)));
        assertEquals(1, piece.lines());
        assertArrayEquals(Json.write(new Response.Captured(1, List.of("a".repeat(40)), true))
                .getBytes(StandardCharsets.UTF_8), Arrays.copyOf(piece.bytes(), piece.finish(true)));
    }

    /** Finishes the piece and reads it back as a client does; its size. */
    private static int send(CapturedPiece piece, boolean more, List<String> received) {
        int length = piece.finish(more);
        Response.Captured r = (Response.Captured) LeanJson.readResponse(Arrays.copyOf(piece.bytes(), length));
        assertEquals(more, r.more());
        received.addAll(r.lines());
        return length;
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            int kind = random.nextInt(6);
            s.appendCodePoint(kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x5f)
                    : kind == 2 ? 0x7f + random.nextInt(0x800) : kind == 3 ? 0x800 + random.nextInt(0xd000)
                    : kind == 4 ? 0x1f600 + random.nextInt(40) : "\"\\\u001b".charAt(random.nextInt(3)));
        }
        return s.toString();
    }
}
