// The offscreen document that parses the account's fetched list pages (see utils/list-parser.ts).
import { serveListParsing } from '@/utils/list-parser-service';

serveListParsing();
