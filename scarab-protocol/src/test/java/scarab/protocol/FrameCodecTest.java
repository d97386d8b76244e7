package scarab.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static byte[] encode(Frame... frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        for (Frame f : frames) {
            w.write(f);
        }
        return out.toByteArray();
    }

    @Test
    void framesRoundTripInOrder() throws IOException {
        byte[] bytes = encode(Frame.control("{\"type\":\"ls\",\"id\":1}"), Frame.output(new byte[] {0, 1, 2, (byte) 0xff}),
                Frame.input(new byte[0]));
        FrameReader r = new FrameReader(new ByteArrayInputStream(bytes));
        Frame a = r.read();
        assertEquals(Frame.CONTROL, a.kind());
        assertEquals("{\"type\":\"ls\",\"id\":1}", a.text());
        Frame b = r.read();
        assertEquals(Frame.OUTPUT, b.kind());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, b.payload());
        Frame c = r.read();
        assertEquals(Frame.INPUT, c.kind());
        assertEquals(0, c.payload().length);
        assertNull(r.read(), "clean end of stream between frames");
    }

    /** A control message longer than a frame goes out as continued frames and comes back as one. */
    @Test
    void aLongMessageIsContinuedOverFramesAndReadWhole() throws IOException {
        byte[] json = new byte[Frame.MAX_PAYLOAD * 2 + 12345];
        for (int i = 0; i < json.length; i++) {
            json[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.writeMessage(json);
        w.write(Frame.output(new byte[] {7}));
        byte[] wire = out.toByteArray();
        assertEquals(Frame.CONTINUED, wire[4], "the first piece is continued");
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire), Frame.MAX_MESSAGE);
        Frame whole = r.read();
        assertEquals(Frame.CONTROL, whole.kind());
        assertArrayEquals(json, whole.payload());
        assertEquals(Frame.OUTPUT, r.read().kind());
        assertNull(r.read());
        // A reader that takes only one frame's worth refuses it; so does one whose limit it passes.
        assertThrows(FrameTooLargeException.class, () -> new FrameReader(new ByteArrayInputStream(wire)).read());
        assertThrows(FrameTooLargeException.class,
                () -> new FrameReader(new ByteArrayInputStream(wire), Frame.MAX_PAYLOAD * 2).read());
    }

    /** A message at the front of a reused buffer: only its length goes out, small or large, one frame or several. */
    @Test
    void aMessageAtTheFrontOfALargerBufferIsSentToItsLength() throws IOException {
        byte[] buffer = new byte[Frame.MAX_PAYLOAD * 2 + 100];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) ('a' + i % 26);
        }
        int[] lengths = {1, 100, 16 * 1024 - 1, 16 * 1024, 64 * 1024 + 3, Frame.MAX_PAYLOAD, Frame.MAX_PAYLOAD + 1,
                Frame.MAX_PAYLOAD * 2 + 50};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        for (int length : lengths) {
            w.writeMessage(buffer, length);
            w.write(Frame.output(new byte[] {7}));
        }
        FrameReader r = new FrameReader(new ByteArrayInputStream(out.toByteArray()), Frame.MAX_MESSAGE);
        for (int length : lengths) {
            Frame f = r.read();
            assertEquals(Frame.CONTROL, f.kind());
            assertArrayEquals(java.util.Arrays.copyOf(buffer, length), f.payload(), "length " + length);
            assertArrayEquals(new byte[] {7}, r.read().payload(), "the next frame after " + length);
        }
        assertNull(r.read());
    }

    @Test
    void aContinuedMessageCutByAnotherFrameOrTheEndIsRefused() throws IOException {
        byte[] cut = encode(new Frame(Frame.CONTINUED, new byte[] {'{'}), Frame.output(new byte[] {1}));
        assertThrows(ProtocolException.class, () -> new FrameReader(new ByteArrayInputStream(cut), Frame.MAX_MESSAGE).read());
        byte[] ended = encode(new Frame(Frame.CONTINUED, new byte[] {'{'}));
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(ended), Frame.MAX_MESSAGE).read());
    }

    @Test
    void headerIsBigEndianLengthOfKindPlusPayload() throws IOException {
        byte[] bytes = encode(Frame.control("{}"));
        assertArrayEquals(new byte[] {0, 0, 0, 3, 'J', '{', '}'}, bytes);
    }

    @Test
    void largestFrameIsAcceptedAndOneMoreByteIsRefused() throws IOException {
        byte[] max = new byte[Frame.MAX_PAYLOAD];
        Frame f = new FrameReader(new ByteArrayInputStream(encode(Frame.output(max)))).read();
        assertEquals(Frame.MAX_PAYLOAD, f.payload().length);

        byte[] header = {0, 0x10, 0, 2, 'J'}; // length = 1 MiB + 2: payload 1 MiB + 1
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> new FrameReader(new ByteArrayInputStream(header)).read());
        assertEquals((1 << 20) + 2, e.announced());
        assertThrows(IllegalArgumentException.class, () -> new FrameWriter(new ByteArrayOutputStream())
                .write(Frame.output(new byte[Frame.MAX_PAYLOAD + 1])));
    }

    @Test
    void hugeLengthIsRefusedWithoutAllocating() {
        byte[] garbage = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(FrameTooLargeException.class, () -> new FrameReader(new ByteArrayInputStream(garbage)).read());
    }

    @Test
    void zeroLengthFrameIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> new FrameReader(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})).read());
    }

    @Test
    void truncatedFrameIsEof() {
        byte[] truncated = {0, 0, 0, 10, 'J', '{'};
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(truncated)).read());
        byte[] truncatedHeader = {0, 0};
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(truncatedHeader)).read());
    }
}
