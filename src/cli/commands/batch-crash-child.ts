/** Child process for the batch kill test: the real CLI entry, run with tsx; the parent SIGKILLs it. */
import { main } from '../index'

void main()
