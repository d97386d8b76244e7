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
