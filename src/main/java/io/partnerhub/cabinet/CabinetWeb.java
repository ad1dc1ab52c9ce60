package io.partnerhub.cabinet;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The cabinet speaks as the portal does: Russian by default, {@code ?lang=en} switches, a cookie remembers. */
@Configuration(proxyBeanMethods = false)
class CabinetWeb implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        registry.addInterceptor(change).addPathPatterns("/cabinet/**");
    }
}
