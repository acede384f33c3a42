package io.callcontrol.http.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * XML with root element {@code <response>}; lists are a wrapper element with one element per item, as the
 * records' {@code @JacksonXmlElementWrapper}/{@code @JacksonXmlProperty} annotations name them.
 */
final class XmlResponseWriter implements ResponseWriter {

    private final ObjectWriter writer = XmlMapper.builder()
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .enable(ToXmlGenerator.Feature.WRITE_NULLS_AS_XSI_NIL)
            .addModule(new BlackbirdModule())
            .addModule(new SimpleModule("xml-1.0-text").addSerializer(String.class, new Xml10Text()))
            .build()
            .writer()
            .withRootName("response");

    @Override
    public String extension() {
        return "xml";
    }

    @Override
    public String contentType() {
        return "application/xml; charset=UTF-8";
    }

    @Override
    public void write(Object body, OutputStream out) {
        try {
            writer.writeValue(out, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + " as XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Text from Asterisk (a hangup detail) or echoed from a request (an error message) may hold characters XML 1.0
     * cannot carry at all, not even as a character reference: control characters, U+FFFE, U+FFFF, unpaired
     * surrogates. Each becomes U+FFFD, so the document stays well-formed instead of failing or breaking parsers.
     */
    static final class Xml10Text extends StdSerializer<String> {

        Xml10Text() {
            super(String.class);
        }

        @Override
        public void serialize(String text, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(clean(text));
        }

        static String clean(String text) {
            StringBuilder clean = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                boolean allowed = pair || c == '\t' || c == '\n' || c == '\r'
                        || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
                if (!allowed && clean == null) {
                    clean = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (clean != null) {
                    clean.append(allowed ? c : '\uFFFD');
                    if (pair) {
                        clean.append(text.charAt(++i));
                    }
                } else if (pair) {
                    i++;
                }
            }
            return clean == null ? text : clean.toString();
        }
    }
}
