package dev.logship.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/** One encoder per {@link LogFormat}, both passing every line through {@link SecretMask}. */
final class Encoders {
    /** The MDC keys written as fields of their own; any other MDC entry (a library's) is left out. */
    static final List<String> FIELDS = List.of(LogFields.CLUSTER, LogFields.FORWARDER, LogFields.REVISION, LogFields.EVENT);

    private Encoders() {}

    static Encoder<ILoggingEvent> of(LogFormat format, Context context) {
        return format == LogFormat.JSON ? json(context) : text(context);
    }

    private static Encoder<ILoggingEvent> text(Context context) {
        MaskedLayout layout = new MaskedLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /**
     * {"time","level","logger","thread","message"} plus the allowed MDC fields and a "stack_trace" when
     * there is one. Arguments of a message are not written as fields of their own (only inside the
     * message), nor are key-value pairs: what leaves as a field is only what {@link #FIELDS} names.
     */
    private static Encoder<ILoggingEvent> json(Context context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("time");
        names.setLogger("logger");
        names.setThread("thread");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        encoder.setFieldNames(names);
        encoder.setTimeZone("UTC");
        encoder.setIncludeContext(false);
        encoder.setIncludeMdcKeyNames(FIELDS);
        encoder.setIncludeKeyValuePairs(false);
        encoder.setIncludeNonStructuredArguments(false);
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new MaskedJsonValues());
        masking.start();
        encoder.setJsonGeneratorDecorator(masking);
        encoder.start();
        return encoder;
    }
}
