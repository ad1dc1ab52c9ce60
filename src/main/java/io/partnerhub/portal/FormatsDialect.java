package io.partnerhub.portal;

import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import java.util.Set;

/**
 * {@code #fmt} in every template (pages and the statement's PDF): {@link Formats} in the page's
 * language, e.g. {@code ${#fmt.money(statement.totals().payable(), statement.currency())}}; and
 * {@code #names}: {@link Names} of programs, tiers and models in the page's language.
 */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "fmt";
    private static final String NAMES = "names";

    private final ProgramCatalog programs;
    private final MessageSource messages;

    FormatsDialect(ProgramCatalog programs, MessageSource messages) {
        super("Partnerhub formats");
        this.programs = programs;
        this.messages = messages;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME, NAMES);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return switch (name) {
                    case NAME -> Formats.of(context.getLocale());
                    case NAMES -> new Names(programs, messages, context.getLocale());
                    default -> null;
                };
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
