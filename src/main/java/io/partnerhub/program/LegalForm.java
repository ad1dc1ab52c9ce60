package io.partnerhub.program;

public enum LegalForm {
    LEGAL_ENTITY, INDIVIDUAL_ENTREPRENEUR
}
