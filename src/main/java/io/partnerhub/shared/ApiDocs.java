package io.partnerhub.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}, and kept in
 * the repository as {@code src/main/openapi/partnerhub-api.json} (the contract a client is generated
 * from; a test keeps the two the same).
 *
 * <p>Every refusal is an RFC 9457 problem ({@link Problems}). Which ones an operation can give
 * follows from the platform's rules, applied here to every operation of the API so that no
 * controller has to repeat them: a body or a parameter can be unreadable (400) or refused (422),
 * a token can be missing or ended (401), a change can be forbidden to the token (403; partners
 * after their exit date change nothing) or conflict with stored data (409), a path or a body's
 * {@code ...Id} names something that may not exist or belong to another partner (404), a body can be too large (413) or of
 * another type (415). A refusal beyond these (an operator-only read: 403) is declared on its
 * operation with {@link AlsoRefuses}. The route sweep
 * checks that every refusal it meets is documented.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static {
        // An enum is a schema of its own (PartnerModel, DayOfWeek), not a list of values repeated
        // wherever it is used: a generated client gets one type for it, also in sets and maps.
        ModelResolver.enumsAsRef = true;
        // An amount or a percentage is read from a decimal string ("1500.00", as money is written)
        // or a JSON number alike.
        SpringDocUtils.getConfig().replaceWithSchema(java.math.BigDecimal.class, new Schema<>()
                .types(new java.util.LinkedHashSet<>(List.of("string", "number"))).format("decimal")
                .pattern("^-?\\d+(\\.\\d+)?$").example("1500.00"));
    }

    /**
     * A field of the platform's records that may be null (not a primitive, not {@code @NotNull} or
     * {@code @NotBlank}) is documented as such: {@code "type": ["string", "null"]}, or for a field
     * naming another schema {@code "anyOf": [{"$ref": ...}, {"type": "null"}]}. The fields are in the
     * record's order, then any other property (a {@code @JsonProperty} method) by name: the same
     * document on every start.
     */
    @Bean
    ModelConverter nullableFields() {
        return (type, context, chain) -> {
            Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            Class<?> raw = rawClass(type.getType());
            if (resolved == null || raw == null || !raw.isRecord() || !raw.getName().startsWith("io.partnerhub.")) {
                return resolved;
            }
            Schema<?> model = resolved.get$ref() == null ? resolved
                    : context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
            if (model == null || model.getProperties() == null) {
                return resolved;
            }
            Map<String, Schema> ordered = new LinkedHashMap<>(); // the record's order, then its other properties by name
            for (java.lang.reflect.RecordComponent component : raw.getRecordComponents()) {
                if (model.getProperties().containsKey(component.getName())) {
                    ordered.put(component.getName(), model.getProperties().get(component.getName()));
                }
            }
            new TreeMap<>(model.getProperties()).forEach(ordered::putIfAbsent);
            model.setProperties(ordered);
            for (java.lang.reflect.RecordComponent component : raw.getRecordComponents()) {
                Schema<?> property = model.getProperties().get(component.getName());
                boolean mayBeNull = !component.getType().isPrimitive()
                        && !component.isAnnotationPresent(jakarta.validation.constraints.NotNull.class)
                        && !component.isAnnotationPresent(jakarta.validation.constraints.NotBlank.class);
                if (property != null && mayBeNull && property.get$ref() != null) {
                    model.getProperties().put(component.getName(), new Schema<>().anyOf(List.of(
                            new Schema<>().$ref(property.get$ref()), new Schema<>().types(java.util.Set.of("null")))));
                } else if (property != null && mayBeNull && property.getTypes() != null
                        && property.getTypes().stream().anyMatch(t -> List.of("string", "integer", "number", "boolean", "array")
                        .contains(t))) {
                    java.util.Set<String> types = new java.util.LinkedHashSet<>(property.getTypes());
                    types.add("null");
                    property.setTypes(types);
                }
            }
            return resolved;
        };
    }

    static final String PROBLEM_JSON = "application/problem+json";

    /** The refusals an operation can give, by status: the name of their shared response and what it means. */
    enum Refusal {
        BAD_REQUEST("400", "BadRequest", """
                The request cannot be read: malformed JSON, a value of the wrong kind (an id that is not a \
                number, `"1"` for a number), a required parameter missing.""",
                "Bad Request", "about:blank", "The request body is missing or unreadable.", List.of()),
        UNAUTHORIZED("401", "Unauthorized", """
                No bearer token, an unknown one, or one that has ended (revoked, expired, replaced, its \
                partner revoked or gone); `detail` says which. A token sent is judged also where none is needed.""",
                "Unauthorized", "about:blank", "This token expired at 2026-03-01T00:00:00Z.", List.of()),
        FORBIDDEN("403", "Forbidden", """
                The token may not do this: an operator-only action with a partner token, or a change by a \
                partner token after its partner's exit date.""",
                "Forbidden", "about:blank", "Only an operator may close a period.", List.of()),
        NOT_FOUND("404", "NotFound", """
                Nothing with this id, or something of another partner's: a partner token never learns \
                whether it exists.""",
                "Not Found", "about:blank", "No partner 4711.", List.of()),
        CONFLICT("409", "Conflict", """
                The request conflicts with what is stored: a duplicate (a tax id in a program, an account \
                id, an overlapping link, a reference reused with other values), a decision on something \
                already decided, or a concurrent change of the same thing.""",
                "Conflict", "about:blank", "Partner 12 already holds tax id 7707083893 in yandex-cloud.",
                List.of()),
        CONTENT_TOO_LARGE("413", "ContentTooLarge", """
                The body is larger than the platform takes: 1 MB for JSON, the import's own limit for files.""",
                "Content Too Large", "about:blank",
                "The request body is larger than 1MB (partnerhub.limits.request-body).", List.of()),
        UNSUPPORTED_MEDIA_TYPE("415", "UnsupportedMediaType", """
                The body is not of a type the operation reads (JSON unless the operation says otherwise).""",
                "Unsupported Media Type", "about:blank", "Content-Type 'text/plain' is not supported.", List.of()),
        UNPROCESSABLE("422", "UnprocessableContent", """
                Read, but refused: a field missing or invalid, a value out of range, or a rule of the \
                program or of the platform (eligibility, a cap, a notice period, a closed month). \
                `errors` names each field concerned; `detail` says why in words.""",
                "Unprocessable Content", "about:blank", "taxId must not be blank",
                List.of(Map.of("field", "taxId", "message", "must not be blank")));

        final String status;
        final String name;
        final String description;
        final Map<String, Object> example;

        Refusal(String status, String name, String description, String title, String type, String detail,
                List<Map<String, String>> errors) {
            this.status = status;
            this.name = name;
            this.description = description;
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", type);
            example.put("title", title);
            example.put("status", Integer.parseInt(status));
            example.put("detail", detail);
            example.put("instance", "/api/v1/partners");
            if (!errors.isEmpty()) { // field, then message, as the platform writes them
                example.put("errors", errors.stream().map(e -> {
                    Map<String, String> error = new LinkedHashMap<>();
                    error.put("field", e.get("field"));
                    error.put("message", e.get("message"));
                    return error;
                }).toList());
            }
            this.example = example;
        }

        String ref() {
            return "#/components/responses/" + name;
        }

        static Refusal of(int status) {
            return java.util.Arrays.stream(values()).filter(r -> r.status.equals(Integer.toString(status))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no shared response for status " + status));
        }
    }

    @Bean
    OpenAPI partnerhubApi() {
        return new OpenAPI()
                .info(new Info().title("Partnerhub API").version("v1").description("""
                        The partner-program platform of a cloud provider: programs, partners, customers, deals,
                        usage and statements. Money is a decimal string with two places; dates are YYYY-MM-DD;
                        errors are RFC 9457 problem details (`application/problem+json`) with an `errors` array
                        naming the fields concerned. Authenticate with `Authorization: Bearer <token>`:
                        the operator token, or a partner token (which sees only its own partner).
                        What changed between releases: docs/api.md, section Changelog.""")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Partnerhub-Proprietary")))
                .servers(List.of(new Server().url("/").description("The platform serving this document")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The operator token, or a partner token issued by POST /api/v1/partners/{id}/tokens")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * An operation's own refusals ({@link AlsoRefuses}), the 200 of a repeat ({@link Idempotent}) and its
     * other representation ({@link AlsoAnswers}: its {@code format} value and media type).
     */
    @Bean
    OperationCustomizer refusalsAndRepresentationsOfItsOwn() {
        return (operation, handler) -> {
            AlsoRefuses refuses = handler.getMethodAnnotation(AlsoRefuses.class);
            if (refuses != null) {
                for (int status : refuses.value()) {
                    operation.getResponses().addApiResponse(Integer.toString(status), new ApiResponse().$ref(
                            Refusal.of(status).ref()));
                }
            }
            Idempotent idempotent = handler.getMethodAnnotation(Idempotent.class);
            if (idempotent != null) {
                ApiResponse stored = operation.getResponses().containsKey("201")
                        ? operation.getResponses().get("201") : operation.getResponses().get("200");
                operation.getResponses().addApiResponse("201", new ApiResponse().description("Created")
                        .content(stored.getContent()));
                operation.getResponses().addApiResponse("200", new ApiResponse().description(idempotent.value())
                        .content(stored.getContent()));
            }
            AlsoAnswers also = handler.getMethodAnnotation(AlsoAnswers.class);
            if (also == null) {
                return operation;
            }
            if (!also.format().isEmpty()) {
                operation.addParametersItem(new Parameter().in("query").name("format").required(false)
                        .description("`" + also.format() + "`: the " + also.mediaType() + " representation instead of JSON")
                        .schema(new StringSchema()._enum(List.of(also.format()))));
            }
            if (also.inLanguage()) {
                operation.addParametersItem(new Parameter().in("query").name("lang").required(false)
                        .description("The document's language, with format")
                        .schema(new StringSchema()._enum(List.of("ru", "en"))._default("ru")));
            }
            Schema<?> document = also.mediaType().startsWith("text/")
                    ? new StringSchema() : new StringSchema().format("binary");
            ApiResponse ok = operation.getResponses().get("200");
            if (ok != null && ok.getContent() != null) {
                ok.getContent().addMediaType(also.mediaType(), new MediaType().schema(document));
            }
            return operation;
        };
    }

    /** The problem schema and responses, the refusals of every operation, and paths and schemas in a stable order. */
    @Bean
    OpenApiCustomizer refusalsOfEveryOperation() {
        return api -> {
            Components components = api.getComponents();
            components.addSchemas("FieldError", new ObjectSchema()
                    .description("One field, or a line and column of a file, that a refusal concerns, and what is"
                            + " wrong with it")
                    .addProperty("field", new StringSchema().example("taxId").description("The field of the request"))
                    .addProperty("line", new IntegerSchema().example(12).description("The line of a file"))
                    .addProperty("column", new StringSchema().example("ListCost").description("The column of a file"))
                    .addProperty("message", new StringSchema().example("must not be blank"))
                    .required(List.of("message")));
            components.addSchemas("Problem", new ObjectSchema()
                    .description("A refusal, as RFC 9457 problem details")
                    .addProperty("type", new StringSchema().format("uri-reference").example("about:blank"))
                    .addProperty("title", new StringSchema().example("Unprocessable Content"))
                    .addProperty("status", new IntegerSchema().example(422))
                    .addProperty("detail", new StringSchema().description("Why, in words").example("taxId must not be blank"))
                    .addProperty("instance", new StringSchema().format("uri-reference").example("/api/v1/partners"))
                    .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                            .description("The fields concerned; present when the refusal names fields"))
                    .required(List.of("title", "status", "detail")));
            for (Refusal refusal : Refusal.values()) {
                components.addResponses(refusal.name, new ApiResponse().description(refusal.description)
                        .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                                .addExamples(refusal.name, new Example().value(refusal.example)))));
            }
            Map<String, Map<String, Object>> examples = examples();
            Map<String, Object> anyValue = valuesByName(examples);
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    documentRefusals(api, path, method, operation);
                    giveExamples(api, operation, examples.getOrDefault(method + " " + path, Map.of()), anyValue);
                }));
                api.setPaths(sorted(api));
            }
            if (api.getTags() != null) {
                api.setTags(api.getTags().stream().sorted(java.util.Comparator.comparing(
                        io.swagger.v3.oas.models.tags.Tag::getName)).toList());
            }
            components.setSchemas(new TreeMap<>(components.getSchemas()));
        };
    }

    private static void documentRefusals(OpenAPI api, String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith("/api/")) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean change = method != PathItem.HttpMethod.GET;
        boolean namesAnother = parameters.stream().anyMatch(p -> "path".equals(p.getIn())) || bodyNamesAnId(api, operation);
        boolean valued = parameters.stream().anyMatch(p -> "query".equals(p.getIn())
                || ("path".equals(p.getIn()) && !isWholeNumber(p.getSchema())));
        ApiResponses responses = operation.getResponses();
        add(responses, Refusal.BAD_REQUEST, body || !parameters.isEmpty());
        add(responses, Refusal.UNAUTHORIZED, true); // a bearer token sent is judged, also where none is needed
        add(responses, Refusal.FORBIDDEN, secured && change);
        add(responses, Refusal.NOT_FOUND, namesAnother);
        add(responses, Refusal.CONFLICT, change);
        add(responses, Refusal.CONTENT_TOO_LARGE, body);
        add(responses, Refusal.UNSUPPORTED_MEDIA_TYPE, body);
        add(responses, Refusal.UNPROCESSABLE, body || valued);
        operation.setResponses(inOrder(responses));
    }

    /**
     * The examples of {@code openapi/examples.json}: per operation ({@code POST /api/v1/partners}) the
     * values of its parameters, its request body and its answers by status, as the platform gave them
     * to the test suite (ApiDocsTest tells how they are recorded).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> examples() {
        ClassPathResource file = new ClassPathResource("openapi/examples.json");
        if (!file.exists()) {
            return Map.of();
        }
        try (var in = file.getInputStream()) {
            return JsonMapper.builder().build().readValue(in, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A value recorded for a parameter of each name, in whichever operation it was met first. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> valuesByName(Map<String, Map<String, Object>> examples) {
        Map<String, Object> values = new TreeMap<>();
        values.put("Accept-Language", "ru");
        examples.values().forEach(example -> ((Map<String, Object>) example.getOrDefault("parameters", Map.of()))
                .forEach(values::putIfAbsent));
        return values;
    }

    /**
     * A parameter's example: its value in this operation's recorded exchange, else a value recorded
     * for a parameter of its name elsewhere, else its default or first allowed value.
     */
    private static Object exampleOf(OpenAPI api, Parameter parameter, Map<String, Object> own, Map<String, Object> anyValue) {
        Schema<?> schema = parameter.getSchema();
        if (schema != null && schema.get$ref() != null) {
            schema = api.getComponents().getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        Object value = own.get(parameter.getName());
        if (value == null && fits(schema, anyValue.get(parameter.getName()))) {
            value = anyValue.get(parameter.getName());
        }
        if (value == null && schema != null) {
            value = schema.getDefault() != null ? schema.getDefault()
                    : schema.getEnum() != null && !schema.getEnum().isEmpty() ? schema.getEnum().getFirst() : null;
        }
        return value;
    }

    /** Whether a value borrowed from a parameter of the same name elsewhere is one this parameter allows. */
    private static boolean fits(Schema<?> schema, Object value) {
        if (value == null || schema == null) {
            return value != null;
        }
        String text = value.toString();
        if (schema.getEnum() != null && schema.getEnum().stream().noneMatch(e -> String.valueOf(e).equals(text))) {
            return false;
        }
        if (schema.getPattern() != null && !java.util.regex.Pattern.compile(schema.getPattern()).matcher(text).find()) {
            return false;
        }
        if (schema.getMaximum() != null && text.matches("-?\\d{1,18}")
                && new java.math.BigDecimal(text).compareTo(schema.getMaximum()) > 0) {
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void giveExamples(OpenAPI api, Operation operation, Map<String, Object> example,
                                     Map<String, Object> anyValue) {
        Map<String, Object> values = (Map<String, Object>) example.getOrDefault("parameters", Map.of());
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                Object value = exampleOf(api, parameter, values, anyValue);
                if (value != null && parameter.getExample() == null) {
                    parameter.setExample(isWholeNumber(parameter.getSchema()) && value.toString().matches("-?\\d{1,18}")
                            ? (Object) Long.parseLong(value.toString())
                            : isBoolean(parameter.getSchema()) && value.toString().matches("true|false")
                            ? (Object) Boolean.parseBoolean(value.toString()) : value);
                }
            }
        }
        Object request = example.get("request");
        if (request != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json != null) {
                json.setExample(request);
            }
        }
        Map<String, Object> answers = (Map<String, Object>) example.getOrDefault("responses", Map.of());
        answers.forEach((status, body) -> {
            ApiResponse response = operation.getResponses().get(status);
            MediaType json = response == null || response.getContent() == null ? null
                    : response.getContent().get("application/json");
            if (json != null) {
                json.setExample(body);
            }
        });
    }

    /** Whether the operation's JSON body names something stored by its id ({@code partnerId}, {@code customerId}). */
    private static boolean bodyNamesAnId(OpenAPI api, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return false;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        if (json == null || json.getSchema() == null || json.getSchema().get$ref() == null) {
            return false;
        }
        String name = json.getSchema().get$ref().substring(json.getSchema().get$ref().lastIndexOf('/') + 1);
        Schema<?> schema = api.getComponents().getSchemas().get(name);
        Map<String, Schema> properties = schema == null || schema.getProperties() == null ? Map.of() : schema.getProperties();
        return properties.entrySet().stream().anyMatch(p -> p.getKey().endsWith("Id") && isWholeNumber(p.getValue()));
    }

    /** The class of a type as the model resolver passes it: a class, a parameterized type, or Jackson's type. */
    private static Class<?> rawClass(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        try {
            return (Class<?>) type.getClass().getMethod("getRawClass").invoke(type);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static boolean isBoolean(Schema<?> schema) {
        return schema != null && ("boolean".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("boolean")));
    }

    private static boolean isWholeNumber(Schema<?> schema) {
        return schema != null && ("integer".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("integer")));
    }

    private static void add(ApiResponses responses, Refusal refusal, boolean applies) {
        ApiResponse declared = responses.get(refusal.status);
        if (declared != null && declared.get$ref() == null && declared.getContent() == null) {
            responses.put(refusal.status, new ApiResponse().$ref(refusal.ref())); // declared by status alone
        } else if (applies && declared == null) {
            responses.put(refusal.status, new ApiResponse().$ref(refusal.ref()));
        }
    }

    private static ApiResponses inOrder(ApiResponses responses) {
        ApiResponses ordered = new ApiResponses();
        new TreeMap<>(responses).forEach(ordered::addApiResponse);
        return ordered;
    }

    private static io.swagger.v3.oas.models.Paths sorted(OpenAPI api) {
        io.swagger.v3.oas.models.Paths paths = new io.swagger.v3.oas.models.Paths();
        new TreeMap<>(api.getPaths()).forEach(paths::addPathItem);
        return paths;
    }
}
