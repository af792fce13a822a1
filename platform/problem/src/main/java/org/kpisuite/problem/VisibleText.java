package org.kpisuite.problem;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Beside {@code @NotBlank}, which counts only ASCII whitespace as blank: a required text must show something, so one
 * made only of invisible characters (U+200B, U+FEFF, U+3000, …) is blank too ({@link TextRules#blank}). A null or
 * ASCII-blank text is left to {@code @NotBlank}, so that a blank field is named once.
 */
@Documented
@Constraint(validatedBy = VisibleText.Validator.class)
@Target({ METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface VisibleText {

    String message() default "must not be blank (whitespace and invisible characters such as U+200B do not count)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<VisibleText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.toString().trim().isEmpty() || !TextRules.blank(value.toString());
        }
    }
}
