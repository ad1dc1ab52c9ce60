/**
 * The web portal: server-rendered pages for the provider's operators (the console) and for
 * partners' people (the partner portal), in Russian and English, signed in with e-mail and
 * password.
 */
package io.partnerhub.portal;
