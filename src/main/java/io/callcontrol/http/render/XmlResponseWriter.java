package io.callcontrol.http.render;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;

/**
 * XML with root element {@code <response>}; lists are a wrapper element with one element per item, as the
 * records' {@code @JacksonXmlElementWrapper}/{@code @JacksonXmlProperty} annotations name them.
 */
final class XmlResponseWriter implements ResponseWriter {

    private final ObjectWriter writer = XmlMapper.builder(xmlFactory())
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .enable(ToXmlGenerator.Feature.WRITE_NULLS_AS_XSI_NIL)
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
    public byte[] write(Object body) {
        try {
            return writer.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + " as XML", e);
        }
    }

    /**
     * Text from Asterisk (a hangup detail, say) may hold control characters XML 1.0 cannot carry; replacing them
     * keeps the document well-formed instead of failing the whole response.
     */
    private static XmlFactory xmlFactory() {
        WstxOutputFactory output = new WstxOutputFactory();
        output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler('\uFFFD'));
        return XmlFactory.builder().xmlOutputFactory(output).build();
    }
}
