package io.partnerhub.portal;

import java.util.logging.Level;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF renderer's messages in the platform's log, under its own logger names
 * ({@code com.openhtmltopdf.load}, ...) and levels: by itself it printed every stylesheet parse
 * and font load to standard error, whatever the platform's logging said.
 */
final class PdfRendererLog implements XRLogger {

    private PdfRendererLog() {
    }

    static void install() {
        if (!(XRLog.getLoggerImpl() instanceof PdfRendererLog)) {
            XRLog.setLoggerImpl(new PdfRendererLog());
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        Logger logger = LoggerFactory.getLogger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else if (value >= Level.INFO.intValue()) {
            logger.info(message, error);
        } else {
            logger.debug(message, error);
        }
    }

    @Override
    public void setLevel(String where, Level level) {
        // the platform's logging configuration sets the levels
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        int value = diagnostic.getLevel().intValue();
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        return value >= Level.SEVERE.intValue() ? logger.isErrorEnabled()
                : value >= Level.WARNING.intValue() ? logger.isWarnEnabled()
                : value >= Level.INFO.intValue() ? logger.isInfoEnabled() : logger.isDebugEnabled();
    }
}
