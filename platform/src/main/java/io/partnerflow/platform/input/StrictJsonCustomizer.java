package io.partnerflow.platform.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Applies {@link StrictJson} to the ObjectMapper every service's REST layer reads bodies with. */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.apply(mapper);
    }
}
