// The File > Open Recent list is the service's list (service/recent-files.ts), so the menu
// and the page's Recent button show the same files. Electron's own recent-documents menu
// exists only on macOS; the OS is told as well, by the window that opened the file.

export * from '../service/recent-files';
