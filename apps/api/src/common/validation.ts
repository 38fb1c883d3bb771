import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelist, forbid unknown fields, transform; errors list each field with a Chinese message. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors).map((d) =>
        d.message.includes('should not exist') ? { field: d.field, message: `不支持的字段 ${d.field}` } : d,
      );
      return new BadRequestException({ message: details.map((d) => d.message).join('；') || '请求参数无效', details });
    },
  });
}
