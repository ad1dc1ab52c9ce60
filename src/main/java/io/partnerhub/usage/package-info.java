/**
 * Consumption imported from providers' billing exports (FOCUS, Yandex Cloud billing detail):
 * streamed, checked row by row, stored with PostgreSQL COPY in one transaction — a file with any
 * bad row stores nothing — and never twice (the content's SHA-256 is unique).
 */
package io.partnerhub.usage;
