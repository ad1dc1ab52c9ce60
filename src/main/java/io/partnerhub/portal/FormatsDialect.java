package io.partnerhub.portal;

import io.partnerhub.shared.Formats;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import java.util.Set;

/**
 * {@code #fmt} in every template (pages and the statement's PDF): {@link Formats} in the page's
 * language, e.g. {@code ${#fmt.money(statement.totals().payable(), statement.currency())}}.
 */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "fmt";

    FormatsDialect() {
        super("Partnerhub formats");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return NAME.equals(name) ? Formats.of(context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String name) {
                return true;
            }
        };
    }
}
