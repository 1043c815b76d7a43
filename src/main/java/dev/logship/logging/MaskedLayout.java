package dev.logship.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/** The text format: slf4j-simple's line as logship printed it before Logback ({@code [thread] LEVEL logger - message}), masked. */
final class MaskedLayout extends LayoutBase<ILoggingEvent> {
    static final String PATTERN = "[%thread] %level %logger - %msg%n";
    private final PatternLayout pattern = new PatternLayout();

    @Override
    public void start() {
        pattern.setContext(getContext());
        pattern.setPattern(PATTERN);
        pattern.start(); // a pattern without %ex gets one added: stack traces follow the line, as before
        super.start();
    }

    @Override
    public void stop() {
        pattern.stop();
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return SecretMask.apply(pattern.doLayout(event));
    }
}
