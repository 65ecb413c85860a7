package dev.inference;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a record, a record component or an enum means, for the model: {@link JsonSchema#of} puts it
 * in the schema's {@code description}.
 *
 * <pre>{@code
 * @Description("A city's weather")
 * record Weather(@Description("degrees Celsius") double temperature, String summary) {}
 * }</pre>
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface Description {

  /**
   * The description.
   *
   * @return one or two sentences
   */
  String value();
}
