// The builtin classes and the exception hierarchy of CPython 3.13 (the part
// programs meet), and helpers that build the exceptions the interpreter raises
// with CPython's exact messages.
import { BUILTIN_TYPES, PyClass, PyExc, PyRaise, TYPE_CLASS, type PyValue } from './values';

function make(name: string, base: PyClass | undefined, native = true, module = 'builtins'): PyClass {
  const c = new PyClass(name, base ? [base] : [], module, native);
  BUILTIN_TYPES[name] = c;
  return c;
}

export const objectType = make('object', undefined);
export const typeType = make('type', objectType);
TYPE_CLASS.type = typeType;
export const intType = make('int', objectType);
export const boolType = make('bool', intType);
export const floatType = make('float', objectType);
export const complexType = make('complex', objectType);
export const strType = make('str', objectType);
export const listType = make('list', objectType);
export const tupleType = make('tuple', objectType);
export const dictType = make('dict', objectType);
export const setType = make('set', objectType);
export const frozensetType = make('frozenset', objectType);
export const bytesType = make('bytes', objectType);
export const bytearrayType = make('bytearray', objectType);
export const rangeType = make('range', objectType);
export const sliceType = make('slice', objectType);
export const moduleType = make('module', objectType);
export const functionType = make('function', objectType);
export const builtinFunctionType = make('builtin_function_or_method', objectType);
export const methodType = make('method', objectType);
export const noneType = make('NoneType', objectType);
export const propertyType = make('property', objectType);
export const staticmethodType = make('staticmethod', objectType);
export const classmethodType = make('classmethod', objectType);
export const superType = make('super', objectType);

// ---- exceptions ----

export const BaseException = make('BaseException', objectType, false);
const exc = (name: string, base: PyClass, module = 'builtins') => make(name, base, false, module);
export const SystemExit = exc('SystemExit', BaseException);
export const KeyboardInterrupt = exc('KeyboardInterrupt', BaseException);
export const GeneratorExit = exc('GeneratorExit', BaseException);
export const Exception = exc('Exception', BaseException);
export const StopIteration = exc('StopIteration', Exception);
export const ArithmeticError = exc('ArithmeticError', Exception);
export const ZeroDivisionError = exc('ZeroDivisionError', ArithmeticError);
export const OverflowError = exc('OverflowError', ArithmeticError);
export const AssertionError = exc('AssertionError', Exception);
export const AttributeError = exc('AttributeError', Exception);
export const EOFError = exc('EOFError', Exception);
export const ImportError = exc('ImportError', Exception);
export const ModuleNotFoundError = exc('ModuleNotFoundError', ImportError);
export const LookupError = exc('LookupError', Exception);
export const IndexError = exc('IndexError', LookupError);
export const KeyError = exc('KeyError', LookupError);
export const MemoryError = exc('MemoryError', Exception);
export const NameError = exc('NameError', Exception);
export const UnboundLocalError = exc('UnboundLocalError', NameError);
export const OSError = exc('OSError', Exception);
export const FileNotFoundError = exc('FileNotFoundError', OSError);
export const FileExistsError = exc('FileExistsError', OSError);
export const PermissionError = exc('PermissionError', OSError);
export const IsADirectoryError = exc('IsADirectoryError', OSError);
export const NotADirectoryError = exc('NotADirectoryError', OSError);
export const ConnectionError = exc('ConnectionError', OSError);
export const ConnectionRefusedError = exc('ConnectionRefusedError', ConnectionError);
export const BrokenPipeError = exc('BrokenPipeError', ConnectionError);
export const TimeoutError = exc('TimeoutError', OSError);
export const RuntimeError = exc('RuntimeError', Exception);
export const NotImplementedError = exc('NotImplementedError', RuntimeError);
export const RecursionError = exc('RecursionError', RuntimeError);
export const SyntaxErrorType = exc('SyntaxError', Exception);
export const IndentationErrorType = exc('IndentationError', SyntaxErrorType);
export const TypeError = exc('TypeError', Exception);
export const ValueError = exc('ValueError', Exception);
export const UnicodeError = exc('UnicodeError', ValueError);
export const UnicodeDecodeError = exc('UnicodeDecodeError', UnicodeError);
export const Warning = exc('Warning', Exception);
export const UserWarning = exc('UserWarning', Warning);
export const DeprecationWarning = exc('DeprecationWarning', Warning);
export const SyntaxWarning = exc('SyntaxWarning', Warning);
BUILTIN_TYPES.IOError = OSError;
BUILTIN_TYPES.EnvironmentError = OSError;

export const EXCEPTION_NAMES = [
  'BaseException',
  'SystemExit',
  'KeyboardInterrupt',
  'GeneratorExit',
  'Exception',
  'StopIteration',
  'ArithmeticError',
  'ZeroDivisionError',
  'OverflowError',
  'AssertionError',
  'AttributeError',
  'EOFError',
  'ImportError',
  'ModuleNotFoundError',
  'LookupError',
  'IndexError',
  'KeyError',
  'MemoryError',
  'NameError',
  'UnboundLocalError',
  'OSError',
  'FileNotFoundError',
  'FileExistsError',
  'PermissionError',
  'IsADirectoryError',
  'NotADirectoryError',
  'ConnectionError',
  'ConnectionRefusedError',
  'BrokenPipeError',
  'TimeoutError',
  'RuntimeError',
  'NotImplementedError',
  'RecursionError',
  'SyntaxError',
  'IndentationError',
  'TypeError',
  'ValueError',
  'UnicodeError',
  'UnicodeDecodeError',
  'Warning',
  'UserWarning',
  'DeprecationWarning',
  'SyntaxWarning',
  'IOError',
  'EnvironmentError',
];

/** A new exception instance of `cls` with these args. */
export function newExc(cls: PyClass, ...args: PyValue[]): PyExc {
  return new PyExc(cls, args);
}

/** Build a PyRaise to `throw`: `throw pyErr(TypeError, "...")`. */
export function pyErr(cls: PyClass, ...args: PyValue[]): PyRaise {
  return new PyRaise(newExc(cls, ...args));
}

/** OSError-family exception with errno and strerror (str() is "[Errno 2] No such file or directory: 'x'"). */
export function osErr(cls: PyClass, errno: number, strerror: string, filename?: string): PyRaise {
  const e =
    filename === undefined
      ? newExc(cls, BigInt(errno), strerror)
      : newExc(cls, BigInt(errno), strerror, filename);
  e.dict.set('errno', BigInt(errno));
  e.dict.set('strerror', strerror);
  if (filename !== undefined) e.dict.set('filename', filename);
  return new PyRaise(e);
}

export const ERRNO: Record<string, [number, PyClass]> = {
  ENOENT: [2, FileNotFoundError],
  EACCES: [13, PermissionError],
  EPERM: [1, PermissionError],
  EEXIST: [17, FileExistsError],
  EISDIR: [21, IsADirectoryError],
  ENOTDIR: [20, NotADirectoryError],
  ENOTEMPTY: [39, OSError],
  EROFS: [30, OSError],
  EINVAL: [22, OSError],
  ELOOP: [40, OSError],
  EXDEV: [18, OSError],
  EBUSY: [16, OSError],
};
