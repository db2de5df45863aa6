import { Logger } from '@nestjs/common';

// Runtime classes log through Nest's Logger; in tests only warnings and errors are worth printing.
Logger.overrideLogger(['warn', 'error', 'fatal']);
