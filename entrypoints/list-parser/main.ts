// The offscreen document that parses the account's fetched list pages (see utils/reading/list-parser.ts).
import { serveListParsing } from '@/utils/reading/list-parser-service';

serveListParsing();
