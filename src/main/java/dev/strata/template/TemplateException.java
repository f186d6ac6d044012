package dev.strata.template;

/**
 * A template that does not parse, or fails while executing. The message is worded as Go's
 * text/template words it ({@code template: :1: function "foo" not defined}), because Strata's CLI
 * prints it to users who know Docker's messages.
 */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
