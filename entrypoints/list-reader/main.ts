import { readListsForBackground } from '@/utils/list-reader';

readListsForBackground();
